package org.syncnet.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Security headers on every response of the application. The policy lets the chat page talk to its own server
 * and to every other member (REST view and WebSocket), since it fails over to them, and to nothing else: no
 * inline script or style, no framing, no plugins. The members are named by their HTTPS and WSS origins, and by their
 * plain HTTP and WS ones only while plain HTTP serves the chat ({@value TlsSettings#REQUIRE} false). The cluster view
 * and the rooms' history pages may be read cross-origin by the pages of the other members ({@link AllowedOrigins}): a
 * page fetches the member list from whichever server still answers, and after a failover it scrolls back through a
 * room's history on the server it is now connected to.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final String CLUSTER_VIEW = "/api/cluster";
    static final String ROOMS = "/api/rooms/";
    static final String MESSAGES = "/messages";

    @Inject
    transient WebSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", policy(settings.urls(), settings.tls().plainHttp()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (readableByMembers(path)) {
            String origin = request.getHeader("Origin");
            response.addHeader("Vary", "Origin");
            if (origin != null && settings.allowedOrigins().allows(origin)) {
                response.setHeader("Access-Control-Allow-Origin", origin);
            }
        }
        chain.doFilter(request, response);
    }

    /** Whether the other members' pages may read this path (GET without credentials: no preflight needed). */
    static boolean readableByMembers(String path) {
        return CLUSTER_VIEW.equals(path) || path.startsWith(ROOMS) && path.endsWith(MESSAGES)
                && path.length() > ROOMS.length() + MESSAGES.length();
    }

    /** {@code plain}: whether plain HTTP serves the chat. */
    static String policy(MemberUrls urls, boolean plain) {
        List<String> pages = urls.pageOrigins(plain);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
                + String.join(" ", pages) + " " + String.join(" ", MemberUrls.webSocketOrigins(pages))
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
    }
}
