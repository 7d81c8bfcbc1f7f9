package org.syncnet.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark client's side of IRCv3 capability negotiation (modern.ircdocs.horse "Capability Negotiation"):
 * it opens with {@code CAP LS 302}, collects the offered capabilities over a multi-line LS reply, requests
 * {@code echo-message} when offered (and wanted), and ends with {@code CAP END} after the ACK or NAK, or at once when
 * there is nothing to request. A server without CAP answers 421 and registers the client anyway; the client then
 * simply has no echo. Pure: CAP messages in, lines to send out.
 */
final class ClientCapNegotiation {
    static final String ECHO_MESSAGE = "echo-message";
    static final String OPEN = "CAP LS 302";

    private final boolean wantEcho;
    private final Set<String> offered = new HashSet<>();
    private boolean echo;
    private boolean done;

    /** @param wantEcho request echo-message if the server offers it */
    ClientCapNegotiation(boolean wantEcho) {
        this.wantEcho = wantEcho;
    }

    /**
     * One CAP message from the server, its parameters after the command ({@code <target> <subcommand> ...}).
     *
     * @return the lines to send in reply (without CRLF), maybe none
     */
    List<String> onCap(List<String> params) {
        if (done || params.size() < 3) {
            return List.of();
        }
        String sub = params.get(1).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                boolean more = params.size() >= 4 && params.get(2).equals("*");
                for (String cap : params.get(params.size() - 1).split(" ")) {
                    int eq = cap.indexOf('=');  // 302 values: "sasl=PLAIN"
                    offered.add((eq < 0 ? cap : cap.substring(0, eq)).toLowerCase(Locale.ROOT));
                }
                if (more) {
                    return List.of();
                }
                if (wantEcho && offered.contains(ECHO_MESSAGE)) {
                    return List.of("CAP REQ :" + ECHO_MESSAGE);
                }
                return end();
            }
            case "ACK" -> {
                for (String cap : params.get(params.size() - 1).split(" ")) {
                    if (cap.equalsIgnoreCase(ECHO_MESSAGE)) {
                        echo = true;
                    }
                }
                return end();
            }
            case "NAK" -> {
                return end();
            }
            default -> {
                return List.of();  // NEW, DEL, LIST: not asked for
            }
        }
    }

    private List<String> end() {
        done = true;
        return List.of("CAP END");
    }

    /** Whether echo-message was acknowledged: this client gets its own messages back. */
    boolean echo() {
        return echo;
    }

    /** Whether the server offered echo-message (whether or not it was requested). */
    boolean offered(String capability) {
        return offered.contains(capability);
    }
}
