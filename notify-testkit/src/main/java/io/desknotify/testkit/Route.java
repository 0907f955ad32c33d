package io.desknotify.testkit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One operation of an emulated provider API: an HTTP method and a path template.
 *
 * <p>Routes name where a {@linkplain FaultInjector fault} is injected and how the
 * {@linkplain Journal journal} groups the requests it received. Path templates use
 * {@code {name}} placeholders for path parameters, exactly as the providers document them.
 */
public enum Route {
    /** Huawei: {@code POST /v2/{project_id}/desktops/notifications}. */
    HUAWEI_SEND_DESKTOPS(Provider.HUAWEI_WORKSPACE, "POST", "/v2/{project_id}/desktops/notifications"),
    /** Huawei: {@code POST /v2/{project_id}/desktop-pools/{pool_id}/notifications}. */
    HUAWEI_SEND_POOL(Provider.HUAWEI_WORKSPACE, "POST", "/v2/{project_id}/desktop-pools/{pool_id}/notifications"),
    /** Huawei: {@code GET /v2/{project_id}/connect-desktops}. */
    HUAWEI_CONNECT_DESKTOPS(Provider.HUAWEI_WORKSPACE, "GET", "/v2/{project_id}/connect-desktops"),
    /** Huawei: {@code GET /v2/{project_id}/desktops} (ListDesktops). */
    HUAWEI_LIST_DESKTOPS(Provider.HUAWEI_WORKSPACE, "GET", "/v2/{project_id}/desktops"),
    /** Huawei: {@code GET /v2/{project_id}/workspace-jobs/{job_id}}. */
    HUAWEI_JOB(Provider.HUAWEI_WORKSPACE, "GET", "/v2/{project_id}/workspace-jobs/{job_id}"),
    /** Huawei: {@code GET /v2/{project_id}/users/notification-records}. */
    HUAWEI_NOTIFICATION_RECORDS(Provider.HUAWEI_WORKSPACE, "GET", "/v2/{project_id}/users/notification-records"),

    /** Horizon: {@code POST /rest/login}. */
    HORIZON_LOGIN(Provider.HORIZON, "POST", "/rest/login"),
    /** Horizon: {@code POST /rest/refresh}. */
    HORIZON_REFRESH(Provider.HORIZON, "POST", "/rest/refresh"),
    /** Horizon: {@code POST /rest/logout}. */
    HORIZON_LOGOUT(Provider.HORIZON, "POST", "/rest/logout"),
    /** Horizon: {@code GET /rest/inventory/v1/sessions}. */
    HORIZON_SESSIONS(Provider.HORIZON, "GET", "/rest/inventory/v1/sessions"),
    /** Horizon: {@code GET /rest/external/v1/ad-users-or-groups}. */
    HORIZON_AD_USERS(Provider.HORIZON, "GET", "/rest/external/v1/ad-users-or-groups"),
    /** Horizon: {@code POST /rest/inventory/v1/sessions/action/send-message}. */
    HORIZON_SEND_MESSAGE(Provider.HORIZON, "POST", "/rest/inventory/v1/sessions/action/send-message"),
    /** Horizon, Cloud Pod Architecture: {@code GET /rest/inventory/v1/global-sessions}. */
    HORIZON_GLOBAL_SESSIONS(Provider.HORIZON, "GET", "/rest/inventory/v1/global-sessions"),
    /** Horizon, Cloud Pod Architecture: {@code POST /rest/inventory/v1/global-sessions/action/send-message}. */
    HORIZON_GLOBAL_SEND_MESSAGE(Provider.HORIZON, "POST", "/rest/inventory/v1/global-sessions/action/send-message"),

    /** Azure Virtual Desktop, Microsoft Entra ID: {@code POST /{tenant}/oauth2/v2.0/token} (client credentials). */
    AVD_TOKEN(Provider.AZURE_VIRTUAL_DESKTOP, "POST", "/{tenant}/oauth2/v2.0/token"),
    /** Azure Virtual Desktop: {@code UserSessions_SendMessage}, {@code POST .../userSessions/{userSessionId}/sendMessage}. */
    AVD_SEND_MESSAGE(Provider.AZURE_VIRTUAL_DESKTOP, "POST", Route.AVD_HOST_POOL
            + "/sessionHosts/{sessionHostName}/userSessions/{userSessionId}/sendMessage"),
    /** Azure Virtual Desktop: {@code UserSessions_ListByHostPool}, {@code GET .../hostPools/{hostPoolName}/userSessions}. */
    AVD_HOST_POOL_SESSIONS(Provider.AZURE_VIRTUAL_DESKTOP, "GET", Route.AVD_HOST_POOL + "/userSessions"),
    /** Azure Virtual Desktop: {@code UserSessions_List}, {@code GET .../sessionHosts/{sessionHostName}/userSessions}. */
    AVD_SESSION_HOST_SESSIONS(Provider.AZURE_VIRTUAL_DESKTOP, "GET", Route.AVD_HOST_POOL
            + "/sessionHosts/{sessionHostName}/userSessions"),
    /** Azure Virtual Desktop: {@code UserSessions_Get}, {@code GET .../userSessions/{userSessionId}}. */
    AVD_SESSION(Provider.AZURE_VIRTUAL_DESKTOP, "GET", Route.AVD_HOST_POOL
            + "/sessionHosts/{sessionHostName}/userSessions/{userSessionId}"),
    /** Azure Virtual Desktop: {@code SessionHosts_List}, {@code GET .../hostPools/{hostPoolName}/sessionHosts}. */
    AVD_SESSION_HOSTS(Provider.AZURE_VIRTUAL_DESKTOP, "GET", Route.AVD_HOST_POOL + "/sessionHosts"),

    /** Citrix Cloud trust service: {@code POST /cctrustoauth2/{customer_id}/tokens/clients} (client credentials). */
    CITRIX_TOKEN(Provider.CITRIX_DAAS, "POST", "/cctrustoauth2/{customer_id}/tokens/clients"),
    /** Citrix DaaS: {@code GET /cvad/manage/me} (customers and sites of the caller). */
    CITRIX_ME(Provider.CITRIX_DAAS, "GET", "/cvad/manage/me"),
    /** Citrix DaaS: {@code POST /cvad/manage/Sessions/$search}. */
    CITRIX_SEARCH_SESSIONS(Provider.CITRIX_DAAS, "POST", "/cvad/manage/Sessions/$search"),
    /** Citrix DaaS: {@code GET /cvad/manage/Sessions}. */
    CITRIX_SESSIONS(Provider.CITRIX_DAAS, "GET", "/cvad/manage/Sessions"),
    /** Citrix DaaS: {@code GET /cvad/manage/Sessions/{id}}. */
    CITRIX_SESSION(Provider.CITRIX_DAAS, "GET", "/cvad/manage/Sessions/{id}"),
    /** Citrix DaaS: {@code POST /cvad/manage/Sessions/{id}/$sendMessage}. */
    CITRIX_SEND_MESSAGE(Provider.CITRIX_DAAS, "POST", "/cvad/manage/Sessions/{id}/$sendMessage"),
    /** Citrix DaaS: {@code GET /cvad/manage/Jobs/{id}} (the job of an {@code async=true} call). */
    CITRIX_JOB(Provider.CITRIX_DAAS, "GET", "/cvad/manage/Jobs/{id}");

    /** The ARM path of a host pool, which every Azure Virtual Desktop route but the token one starts with. */
    private static final String AVD_HOST_POOL = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
            + "/providers/Microsoft.DesktopVirtualization/hostPools/{hostPoolName}";

    /** The emulated provider a route belongs to. */
    public enum Provider {
        /** Huawei Cloud Workspace. */
        HUAWEI_WORKSPACE,
        /** VMware/Omnissa Horizon Server REST API. */
        HORIZON,
        /** Azure Virtual Desktop (Azure Resource Manager, {@code Microsoft.DesktopVirtualization}) with Microsoft Entra ID. */
        AZURE_VIRTUAL_DESKTOP,
        /** Citrix DaaS (Citrix Cloud) CVAD REST API and the Citrix Cloud trust service. */
        CITRIX_DAAS
    }

    private final Provider provider;
    private final String method;
    private final String pathTemplate;
    private final Pattern pattern;

    Route(Provider provider, String method, String pathTemplate) {
        this.provider = provider;
        this.method = method;
        this.pathTemplate = pathTemplate;
        // Azure Resource Manager matches the literal segments of a path case-insensitively
        this.pattern = compile(pathTemplate, provider == Provider.AZURE_VIRTUAL_DESKTOP);
    }

    /** Literal parts quoted (a dot is a dot; Citrix writes actions as {@code $name}), each {@code {name}} one path segment. */
    private static Pattern compile(String template, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        java.util.regex.Matcher m = Pattern.compile("\\{[A-Za-z_]+}").matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString(), caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
    }

    /** @return the provider whose API this route belongs to */
    public Provider provider() {
        return provider;
    }

    /** @return the HTTP method, upper case */
    public String method() {
        return method;
    }

    /** @return the documented path template, e.g. {@code /v2/{project_id}/connect-desktops} */
    public String pathTemplate() {
        return pathTemplate;
    }

    /**
     * Tells whether a request matches this route.
     *
     * @param method the HTTP method
     * @param rawPath the raw (still percent-encoded) request path
     * @return true when both the method and the path match
     */
    public boolean matches(String method, String rawPath) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        return this.method.equalsIgnoreCase(method) && pattern.matcher(rawPath).matches();
    }

    @Override
    public String toString() {
        return name() + " (" + method + " " + pathTemplate + ")";
    }
}
