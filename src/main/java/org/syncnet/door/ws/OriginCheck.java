package org.syncnet.door.ws;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;
import org.syncnet.web.AllowedOrigins;
import org.syncnet.web.WebSettings;

/**
 * The WebSocket container's own Origin check ({@link AllowedOrigins}), so that no handshake from another site's page
 * is upgraded whatever order the servlet filters run in. {@link OriginFilter} runs first in WildFly and answers such a
 * handshake with 403; where this refuses one, Undertow passes the request on as if there were no endpoint (404).
 *
 * <p>Only {@link #checkOrigin} is overridden: the endpoint instance still comes from the container's own configurator,
 * which is what injects {@link ChatEndpoint}'s beans. The container makes this class itself, not CDI, hence the
 * lookup of the settings.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {
    private volatile AllowedOrigins allowed;

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        AllowedOrigins a = allowed;
        if (a == null) {
            a = CDI.current().select(WebSettings.class).get().allowedOrigins();
            allowed = a;
        }
        return a.allows(originHeaderValue);
    }
}
