/**
 * The Huawei Cloud Workspace transport: {@link io.desknotify.transport.http.huawei.HuaweiWorkspaceTransport}
 * (built in code) and {@link io.desknotify.transport.http.huawei.HuaweiWorkspaceTransportFactory} (built from
 * settings, found by {@link java.util.ServiceLoader} under the id {@code huawei-workspace}).
 */
package io.desknotify.transport.http.huawei;
