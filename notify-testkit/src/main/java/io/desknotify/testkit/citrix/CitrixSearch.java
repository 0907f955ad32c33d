package io.desknotify.testkit.citrix;

import io.desknotify.testkit.internal.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code SearchFilters} of a {@code MachineAndSessionSearchRequestModel}: property and operator names checked
 * against the published enums, then turned into a predicate over a session's property values.
 */
final class CitrixSearch {

    /** Every {@code MachineAndSessionSearchProperty} value. */
    static final Set<String> PROPERTIES = Set.of("AgentVersion", "AllocationType", "AppState", "AppsInUse",
            "AzureAdJoinedMode", "ControllerDnsName", "ClientIP", "ClientName", "ConnectedViaHostName",
            "ConnectedViaIP", "HypervisorConnection", "ConnectionProtocol", "CurrentUser", "DeliveryGroup",
            "FaultState", "IsAssigned", "LastConnectionUser", "LastConnectionTime", "LastDeregistrationReason",
            "LastDeregistrationTime", "LaunchedViaHostName", "LaunchedViaIP", "PublishedName", "LoadIndex",
            "StartTime", "MachineCatalog", "MachineUnavailableReason", "InMaintenanceMode", "MaintenanceModeReason",
            "DrainingUntilShutdown", "MachineName", "OSType", "OSVersion", "ImageOutOfDate", "PowerActionPending",
            "ClientVersion", "PowerState", "SupportedPowerActions", "RegistrationState", "SecureIcaActive",
            "HostingServerName", "SessionCount", "SessionStateChangeTime", "SessionState", "SessionSupport",
            "SmartAccessFilters", "SummaryState", "Tags", "UserPrincipalName", "UserName", "UserDisplayName",
            "HostedMachineName", "WindowsConnectionSetting", "FunctionalLevel", "DnsName", "Uid", "VdaUpgrade",
            "VdaUpgradeState", "ProvisioningType", "ZoneName");

    /** Every {@code SearchOperator} value. */
    static final Set<String> OPERATORS = Set.of("Equals", "NotEquals", "LessThan", "GreaterThan",
            "LessThanOrEquals", "GreaterThanOrEquals", "Like", "NotLike", "EndsWith", "NotEndsWith", "StartsWith",
            "NotStartsWith", "Any", "None", "Contains", "NotContains", "ContainsLike", "NotContainsLike",
            "ContainsEndsWith", "NotContainsEndsWith", "ContainsStartsWith", "NotContainsStartsWith", "In", "NotIn",
            "IsWithin", "IsNotWithin");

    /** The operators whose meaning on a string is plain; the others are not modelled. */
    private static final Set<String> MODELLED = Set.of("Equals", "NotEquals", "StartsWith", "NotStartsWith",
            "EndsWith", "NotEndsWith", "Contains", "NotContains");

    static final Set<String> SESSION_STATES = Set.of("Unknown", "Connected", "Active", "Disconnected");

    /** A request the published API does not allow. */
    static final class OutOfContract extends Exception {
        private static final long serialVersionUID = 1L;

        OutOfContract(String message) {
            super(message, null, false, false);
        }
    }

    /** A request the API allows but the emulator does not model: refused, and not the client's fault. */
    static final class NotModelled extends Exception {
        private static final long serialVersionUID = 1L;

        NotModelled(String message) {
            super(message, null, false, false);
        }
    }

    private record Filter(String property, String operator, String value) { }

    private CitrixSearch() {
    }

    /**
     * @param body the search request
     * @param caseSensitiveEnums whether enum names must match exactly
     * @param caseSensitiveValues whether values compare case-sensitively
     * @return a predicate over a function from a property name to the session's values of it (empty when it has
     *     none; several when a value may be named in more than one way, as a delivery group by name or id)
     */
    static Predicate<Function<String, List<String>>> parse(JsonObject body, boolean caseSensitiveEnums,
                                                     boolean caseSensitiveValues)
            throws OutOfContract, NotModelled {
        for (String unsupported : List.of("SearchFilterGroups", "BasicSearchString")) {
            JsonValue v = body.get(unsupported);
            if (v != null && v.getValueType() != JsonValue.ValueType.NULL
                    && !(v.getValueType() == JsonValue.ValueType.ARRAY && v.asJsonArray().isEmpty())) {
                throw new NotModelled(unsupported + " is not modelled by the emulator");
            }
        }
        JsonValue filters = body.get("SearchFilters");
        List<Filter> out = new ArrayList<>();
        if (filters != null && filters.getValueType() != JsonValue.ValueType.NULL) {
            if (filters.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new OutOfContract("SearchFilters must be an array of MachineAndSessionSearchFilterRequestModel");
            }
            for (JsonValue f : filters.asJsonArray()) {
                if (f.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new OutOfContract("each of SearchFilters must be an object {Property, Value, Operator}");
                }
                out.add(filter(f.asJsonObject(), caseSensitiveEnums));
            }
        }
        List<Filter> all = List.copyOf(out);
        return props -> {
            for (Filter f : all) {
                if (!matches(f, props.apply(f.property()), caseSensitiveValues)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Filter filter(JsonObject f, boolean caseSensitiveEnums) throws OutOfContract, NotModelled {
        String property = enumName(f, "Property", PROPERTIES, caseSensitiveEnums, "MachineAndSessionSearchProperty");
        String operator = enumName(f, "Operator", OPERATORS, caseSensitiveEnums, "SearchOperator");
        JsonValue v = f.get("Value");
        String value;
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            value = null;
        } else if (v.getValueType() == JsonValue.ValueType.STRING) {
            value = Jsons.string(f, "Value");
        } else {
            throw new OutOfContract("SearchFilters[].Value must be a string or null");
        }
        if (!MODELLED.contains(operator)) {
            throw new NotModelled("operator " + operator + " is not modelled by the emulator");
        }
        if (property.equals("SessionState") && value != null && find(SESSION_STATES, value, caseSensitiveEnums) == null) {
            throw new OutOfContract("a SessionState filter's Value must be one of " + SESSION_STATES + ": " + value);
        }
        if (property.equals("SessionState") && value != null) {
            value = find(SESSION_STATES, value, caseSensitiveEnums);
        }
        return new Filter(property, operator, value);
    }

    private static String enumName(JsonObject f, String field, Set<String> allowed, boolean caseSensitive,
                                   String model) throws OutOfContract {
        String given = Jsons.string(f, field);
        if (given == null) {
            throw new OutOfContract("SearchFilters[]." + field + " is required (a " + model + " name)");
        }
        String name = find(allowed, given, caseSensitive);
        if (name == null) {
            throw new OutOfContract("SearchFilters[]." + field + " '" + given + "' is not a " + model + " value");
        }
        return name;
    }

    /** @return the canonical name, or null */
    static String find(Set<String> allowed, String given, boolean caseSensitive) {
        if (allowed.contains(given)) {
            return given;
        }
        if (!caseSensitive) {
            for (String a : allowed) {
                if (a.equalsIgnoreCase(given)) {
                    return a;
                }
            }
        }
        return null;
    }

    /** A negated operator holds when its positive form holds for none of the values. */
    private static boolean matches(Filter f, List<String> actual, boolean caseSensitive) {
        boolean negated = f.operator().startsWith("Not");
        String positive = negated ? f.operator().substring(3) : f.operator();
        String want = f.value();
        boolean any;
        if (actual.isEmpty() || want == null) {
            any = want == null && actual.isEmpty();
        } else {
            String w = caseSensitive ? want : want.toLowerCase(Locale.ROOT);
            any = false;
            for (String value : actual) {
                String a = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
                any |= switch (positive) {
                    case "Equals" -> a.equals(w);
                    case "StartsWith" -> a.startsWith(w);
                    case "EndsWith" -> a.endsWith(w);
                    case "Contains" -> a.contains(w);
                    default -> throw new IllegalStateException(f.operator());
                };
            }
        }
        return negated != any;
    }
}
