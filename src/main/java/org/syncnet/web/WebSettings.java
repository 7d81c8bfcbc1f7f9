package org.syncnet.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.cluster.Membership;
import org.syncnet.history.MemberDirectory;
import org.syncnet.settings.Settings;

/**
 * The web shell's settings: every member's URLs, HTTPS ({@link TlsSettings}) and the origins whose pages may use the
 * chat ({@link AllowedOrigins}). Read once when the application starts, so that a bad value fails the deployment
 * instead of the first request.
 */
@ApplicationScoped
public class WebSettings implements MemberDirectory {
    private static final Logger LOG = Logger.getLogger("org.syncnet.web");

    @Inject
    Config config;

    private String self;
    private MemberUrls urls;
    /** The members' own addresses (derived from the members list), for the history's transfer between them. */
    private MemberUrls peerUrls;
    private TlsSettings tls;
    private AllowedOrigins allowedOrigins;

    @PostConstruct
    void load() {
        self = config.getOptionalValue(Settings.SERVER_ID, String.class).orElse("?");
        try {
            Membership membership = Membership.parse(value(Settings.MEMBERS));
            urls = MemberUrls.of(value(MemberUrls.SETTING), membership);
            peerUrls = MemberUrls.of(null, membership);
            // WildFly's own property for the server's configuration folder: where https.cli looks by default
            tls = TlsSettings.read(this::value, Path.of(System.getProperty("jboss.server.config.dir", ".")));
            allowedOrigins = AllowedOrigins.of(urls.pageOrigins(tls.plainHttp()), value(AllowedOrigins.SETTING));
        } catch (InvalidSettingException e) {
            LOG.severe(self + ": SyncNet cannot start: " + e.getMessage());
            throw e;
        }
        LOG.info(() -> self + ": member URLs " + urls.all() + "; pages allowed to use the chat: " + allowedOrigins);
        Instant now = Instant.now();
        if (tls.expired(now)) {
            LOG.warning(self + ": " + tls.describe(now));
        } else {
            LOG.info(() -> self + ": " + tls.describe(now));
        }
    }

    private String value(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }

    /** Touching the bean at start-up runs {@link #load()}; its exception fails the deployment. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        urls.all();
    }

    /** This server's id, for log lines. */
    public String self() {
        return self;
    }

    public MemberUrls urls() {
        return urls;
    }

    public TlsSettings tls() {
        return tls;
    }

    public AllowedOrigins allowedOrigins() {
        return allowedOrigins;
    }

    /**
     * For the history's transfer between members: their addresses in the members list, where they reach each other,
     * not {@value MemberUrls#SETTING}, the browsers' addresses (a published port or a proxy's, e.g. in containers).
     */
    @Override
    public Map<String, String> memberUrls() {
        return peerUrls.all();
    }
}
