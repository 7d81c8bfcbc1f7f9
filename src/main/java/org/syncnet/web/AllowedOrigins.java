package org.syncnet.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.syncnet.settings.InvalidSettingException;

/**
 * Which pages may open the chat's WebSocket and read the members' REST views from a browser: the cluster's own pages
 * (every member's page origins; a loopback member under both {@code 127.0.0.1} and {@code localhost}, the two
 * spellings a local user types) and those listed in {@value #SETTING} (comma-separated {@code scheme://host[:port]},
 * for pages served through a reverse proxy). A browser always sends the Origin of the page that opens a WebSocket;
 * checking it is what keeps any other site the user visits from chatting in the user's name through the user's
 * browser (cross-site WebSocket hijacking).
 */
public final class AllowedOrigins {
    public static final String SETTING = "syncnet.web.allowed-origins";
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost");

    /** Normalised origins: lower case, without a default port; in the order given. */
    private final Set<String> origins;

    private AllowedOrigins(Set<String> origins) {
        this.origins = Collections.unmodifiableSet(origins);
    }

    /**
     * The cluster's page origins ({@code scheme://host[:port]}, as {@link MemberUrls} gives them) and the setting's
     * (null or blank: none).
     *
     * @throws InvalidSettingException naming {@value #SETTING} for an entry that is not {@code scheme://host[:port]}
     */
    public static AllowedOrigins of(Collection<String> pageOrigins, String setting) {
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : pageOrigins) {
            URI uri = URI.create(origin);
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (LOOPBACK.contains(host)) {
                for (String spelling : LOOPBACK) {
                    origins.add(normalised(uri.getScheme(), spelling, uri.getPort()));
                }
            } else {
                origins.add(normalised(uri.getScheme(), host, uri.getPort()));
            }
        }
        if (setting != null && !setting.isBlank()) {
            for (String entry : setting.split(",", -1)) {
                String origin = parse(entry.strip());
                if (origin == null) {
                    throw new InvalidSettingException(SETTING, "'" + entry.strip()
                            + "' is not an origin like https://chat.example.org or http://host:8080");
                }
                origins.add(origin);
            }
        }
        return new AllowedOrigins(origins);
    }

    /**
     * Whether a request with this Origin header may go on. No header at all: not a browser (IRC bridges, the tests'
     * clients), which the check is not about, so yes; the header {@code null} (a sandboxed or local page): no.
     */
    public boolean allows(String originHeader) {
        if (originHeader == null) {
            return true;
        }
        String origin = parse(originHeader.strip());
        return origin != null && origins.contains(origin);
    }

    /** The normalised form of {@code scheme://host[:port]}, or null if it is not one. */
    static String parse(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return null;
        }
        return normalised(scheme, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort());
    }

    private static String normalised(String scheme, String host, int port) {
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return String.join(" ", origins);
    }
}
