package org.syncnet.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * With {@value TlsSettings#REQUIRE}, plain HTTP does not serve the chat: a GET (the page, its scripts, a room's
 * history) is redirected to this server's HTTPS URL, and a WebSocket handshake or any other request is refused with
 * 403. Only what machines ask stays on plain HTTP, like the management port: the cluster view (the start scripts'
 * readiness check and scripts/cluster_status.sh read it without TLS), the history writer's status and the peers'
 * history transfer (signed with the cluster secret). The plain listener itself stays open for them; a filter is also
 * what can tell these apart, which no listener setting can.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PlainHttpFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final Set<String> MACHINE_PATHS = Set.of("/api/cluster", "/api/history", "/api/history/events",
            "/api/history/events/binary");

    enum Answer { SERVE, REDIRECT, REFUSE }

    @Inject
    transient WebSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        // only the WebSocket's: a client may also offer h2c, which the server declines on its own
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        Answer answer = answer(settings.tls().plainHttp(), request.isSecure(), request.getMethod(), path, upgrade);
        String secureUrl = settings.urls().secureUrl(settings.self());
        if (answer == Answer.SERVE) {
            chain.doFilter(request, response);
        } else if (answer == Answer.REDIRECT && secureUrl != null) {
            String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
            URI secure = URI.create(secureUrl);
            // temporary: a browser must not keep it once plain HTTP serves the chat again
            response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
            response.setHeader("Location", secure.getScheme() + "://" + secure.getRawAuthority()
                    + request.getRequestURI() + query);
        } else {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write(("plain HTTP does not serve the chat here (" + TlsSettings.REQUIRE
                    + "); use " + secureUrl + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * What a request gets: {@code plainHttp} is whether plain HTTP serves the chat, {@code secure} whether this
     * request came over TLS, {@code path} the path within the application, {@code upgrade} whether it is a
     * WebSocket handshake.
     */
    static Answer answer(boolean plainHttp, boolean secure, String method, String path, boolean upgrade) {
        if (plainHttp || secure || MACHINE_PATHS.contains(path) && !upgrade) {
            return Answer.SERVE;
        }
        return !upgrade && (method.equals("GET") || method.equals("HEAD")) ? Answer.REDIRECT : Answer.REFUSE;
    }
}
