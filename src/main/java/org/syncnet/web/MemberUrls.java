package org.syncnet.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.cluster.Member;
import org.syncnet.cluster.Membership;

/**
 * Each member's HTTP base URL (with the context root), where browsers reach its page, REST view and WebSocket.
 * From the setting {@value #SETTING} ({@code server1=http://127.0.0.1:8080/syncnet,...}, every member once) or,
 * when it is absent, derived from the members list: {@code http://<host>:<udp port + 60>/syncnet}, which is the
 * local port table (UDP 8020 -> HTTP 8080).
 *
 * <p>Each member's HTTPS base URL follows from its HTTP one as WildFly's socket bindings do, shifted alike by the port
 * offset: port + 363 (8080 -> 8443, and 80 -> 443). A URL given as {@code https://} is its member's HTTPS URL itself.
 */
public final class MemberUrls {
    public static final String SETTING = "syncnet.web.urls";
    static final int DERIVED_PORT_DISTANCE = 60;
    /** From the http socket binding to the https one: 8443 - 8080. */
    static final int HTTPS_PORT_DISTANCE = 363;
    static final String CONTEXT_ROOT = "/syncnet";
    /**
     * What a URL may contain: it ends up in a Content-Security-Policy header and in JSON, so no spaces, quotes,
     * commas or semicolons that would split a policy directive.
     */
    private static final Pattern SAFE = Pattern.compile("https?://[A-Za-z0-9._\\-\\[\\]:%]+(/[A-Za-z0-9._~\\-/]*)?");

    /** Member id to URL, in ring order. */
    private final Map<String, String> urls;
    /** Member id to HTTPS URL, in ring order. */
    private final Map<String, String> secureUrls = new LinkedHashMap<>();

    private MemberUrls(Map<String, String> urls) {
        this.urls = Collections.unmodifiableMap(urls);
        urls.forEach((id, url) -> secureUrls.put(id, secure(id, url)));
    }

    /** @throws InvalidSettingException naming {@value #SETTING} when {@code setting} cannot work */
    public static MemberUrls of(String setting, Membership membership) {
        Map<String, String> urls = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            for (Member m : membership.ring()) {
                urls.put(m.id(), derived(m));
            }
            return new MemberUrls(urls);
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String raw : setting.split(",", -1)) {
            String entry = raw.trim();
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new InvalidSettingException(SETTING, "'" + entry + "' is not of the form serverId=http://host:port/syncnet");
            }
            String id = entry.substring(0, eq).trim();
            if (!membership.contains(id)) {
                throw new InvalidSettingException(SETTING, "'" + id + "' is not one of the members");
            }
            if (given.put(id, checked(id, entry.substring(eq + 1).trim())) != null) {
                throw new InvalidSettingException(SETTING, "'" + id + "' is given twice");
            }
        }
        for (Member m : membership.ring()) {
            String url = given.get(m.id());
            if (url == null) {
                throw new InvalidSettingException(SETTING, "no URL for member '" + m.id() + "'; give every member one");
            }
            urls.put(m.id(), url);
        }
        return new MemberUrls(urls);
    }

    private static String derived(Member m) {
        int port = m.port() + DERIVED_PORT_DISTANCE;
        if (port > 65535) {
            throw new InvalidSettingException(SETTING, "cannot derive the URL of '" + m.id() + "' (UDP port "
                    + m.port() + " + " + DERIVED_PORT_DISTANCE + " is out of range); set it");
        }
        return "http://" + m.host() + ":" + port + CONTEXT_ROOT;
    }

    private static String secure(String id, String url) {
        URI uri = URI.create(url);
        if (uri.getScheme().equals("https")) {
            return url;
        }
        int port = (uri.getPort() < 0 ? 80 : uri.getPort()) + HTTPS_PORT_DISTANCE;
        if (port > 65535) {
            throw new InvalidSettingException(SETTING, "cannot derive the HTTPS URL of '" + id + "' (HTTP port + "
                    + HTTPS_PORT_DISTANCE + " is out of range); give it as https://");
        }
        return "https://" + uri.getHost() + (port == 443 ? "" : ":" + port) + uri.getRawPath();
    }

    private static String checked(String id, String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            URI uri = new URI(trimmed);
            if (!SAFE.matcher(trimmed).matches() || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(trimmed, "not a plain http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(SETTING, "URL '" + url + "' of '" + id
                    + "' is not a plain http:// or https:// URL like http://127.0.0.1:8080/syncnet");
        }
        return trimmed;
    }

    /** The URL of member {@code id}, or null for an unknown id. */
    public String url(String id) {
        return urls.get(id);
    }

    /** Member id to URL, in ring order. */
    public Map<String, String> all() {
        return urls;
    }

    /** The HTTPS URL of member {@code id}, or null for an unknown id. */
    public String secureUrl(String id) {
        return secureUrls.get(id);
    }

    /** Every member's HTTP origin ({@code http://host:port}, as its URL says), in ring order, without repeats. */
    public List<String> httpOrigins() {
        return origins(urls.values());
    }

    /** Every member's HTTPS origin ({@code https://host:port}), in ring order, without repeats. */
    public List<String> httpsOrigins() {
        return origins(secureUrls.values());
    }

    /**
     * The origins of every member's pages: the HTTPS ones, and first the HTTP ones if {@code plain} HTTP serves them.
     */
    public List<String> pageOrigins(boolean plain) {
        Set<String> origins = new LinkedHashSet<>(plain ? httpOrigins() : List.of());
        origins.addAll(httpsOrigins());
        return new ArrayList<>(origins);
    }

    /** Every member's WebSocket origin ({@code ws://host:port}, {@code wss://} for https), without repeats. */
    public List<String> webSocketOrigins() {
        return webSocketOrigins(httpOrigins());
    }

    /** The WebSocket origins of these page origins: {@code ws://} for {@code http://}, {@code wss://} for https. */
    public static List<String> webSocketOrigins(List<String> pageOrigins) {
        List<String> origins = new ArrayList<>();
        for (String origin : pageOrigins) {
            origins.add(origin.startsWith("https:") ? "wss:" + origin.substring(6) : "ws:" + origin.substring(5));
        }
        return origins;
    }

    private static List<String> origins(Iterable<String> urls) {
        Set<String> origins = new LinkedHashSet<>();
        for (String url : urls) {
            URI uri = URI.create(url);
            origins.add(uri.getScheme() + "://" + uri.getRawAuthority());
        }
        return new ArrayList<>(origins);
    }
}
