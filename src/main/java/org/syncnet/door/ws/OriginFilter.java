package org.syncnet.door.ws;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.syncnet.web.AllowedOrigins;
import org.syncnet.web.WebSettings;

/**
 * Refuses a WebSocket handshake from a page of another site ({@link AllowedOrigins}) with HTTP 403, before the
 * upgrade: no endpoint, connection or client id is made for it. RFC 6455 (10.2) asks for exactly that; a close frame
 * (1008) would need the upgrade first. A browser shows the page only that the connection failed, whatever the status,
 * so the reason is in the response's text for other clients and in this server's log, once per origin.
 * {@link OriginCheck} refuses the same handshakes inside the WebSocket container.
 */
@WebFilter(urlPatterns = "/chat", asyncSupported = true)
public class OriginFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    /** Bounds what a page that tries from many origins can make this server remember and log. */
    private static final int LOGGED_ORIGINS = 100;

    private final transient Set<String> logged = ConcurrentHashMap.newKeySet();

    @Inject
    transient WebSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (settings.allowedOrigins().allows(origin)) {
            chain.doFilter(request, response);
            return;
        }
        if (logged.size() < LOGGED_ORIGINS && logged.add(origin)) {
            LOG.info(() -> settings.self() + ": WebSocket handshake from origin " + origin + " refused (403): not a "
                    + "page of this cluster nor in " + AllowedOrigins.SETTING + " (logged once per origin)");
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(("origin " + origin + " not allowed (" + AllowedOrigins.SETTING + ")\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
