package io.desknotify.testkit.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The OData {@code $filter} of {@code UserSessions_ListByHostPool}: comparisons {@code <property> eq '<value>'}
 * joined by {@code and}, on the properties the definition names ({@code userPrincipalName} and
 * {@code sessionState}; {@code state} too, as the definition's example writes it, when allowed). Anything else is
 * refused.
 */
final class AvdFilter {

    /** A filter the emulator does not accept. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private record Term(boolean upn, String value) { }

    private final List<Term> terms;
    private final boolean ignoreCase;

    private AvdFilter(List<Term> terms, boolean ignoreCase) {
        this.terms = terms;
        this.ignoreCase = ignoreCase;
    }

    /**
     * @param text the decoded {@code $filter}, or null
     * @param stateAlias whether {@code state} is accepted for {@code sessionState}
     * @param ignoreCase whether values compare case-insensitively
     * @return the filter; one matching everything when {@code text} is null
     * @throws Invalid when the text is not such a filter
     */
    static AvdFilter parse(String text, boolean stateAlias, boolean ignoreCase) throws Invalid {
        List<Term> terms = new ArrayList<>();
        if (text == null) {
            return new AvdFilter(terms, ignoreCase);
        }
        int i = 0;
        int n = text.length();
        while (true) {
            i = skipBlanks(text, i);
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            String property = text.substring(start, i).toLowerCase(Locale.ROOT);
            boolean upn;
            if (property.equals("userprincipalname")) {
                upn = true;
            } else if (property.equals("sessionstate") || stateAlias && property.equals("state")) {
                upn = false;
            } else {
                throw new Invalid("$filter may compare only userPrincipalName and sessionState, not '"
                        + text.substring(start, i) + "'");
            }
            i = skipBlanks(text, i);
            if (!text.regionMatches(true, i, "eq ", 0, 3)) {
                throw new Invalid("$filter supports only the eq operator");
            }
            i = skipBlanks(text, i + 3);
            if (i >= n || text.charAt(i) != '\'') {
                throw new Invalid("$filter values must be quoted with '");
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= n) {
                    throw new Invalid("$filter has an unterminated string");
                }
                char c = text.charAt(i++);
                if (c == '\'') {
                    if (i < n && text.charAt(i) == '\'') {
                        value.append('\'');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    value.append(c);
                }
            }
            terms.add(new Term(upn, value.toString()));
            i = skipBlanks(text, i);
            if (i == n) {
                return new AvdFilter(List.copyOf(terms), ignoreCase);
            }
            if (!text.regionMatches(true, i, "and ", 0, 4)) {
                throw new Invalid("$filter comparisons may be joined only by and");
            }
            i += 4;
        }
    }

    private static int skipBlanks(String text, int i) {
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    Predicate<AvdWorld.UserSession> predicate() {
        return s -> {
            for (Term t : terms) {
                String actual = t.upn() ? s.userPrincipalName() : s.state();
                if (!(ignoreCase ? actual.equalsIgnoreCase(t.value()) : actual.equals(t.value()))) {
                    return false;
                }
            }
            return true;
        };
    }
}
