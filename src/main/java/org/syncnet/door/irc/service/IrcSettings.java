package org.syncnet.door.irc.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.syncnet.door.irc.IrcSecurityConfig;
import org.syncnet.door.irc.IrcConfig;
import org.syncnet.tls.TlsConfig;

/**
 * Reads the IRC door's settings, and the TLS settings it uses, through MicroProfile Config (system properties and
 * environment override).
 */
@ApplicationScoped
public class IrcSettings {
    @Inject
    Config config;

    /** @throws org.syncnet.settings.InvalidSettingException naming the first setting that cannot work */
    public IrcConfig load() {
        return IrcConfig.fromSettings(this::lookup);
    }

    /** @throws org.syncnet.settings.InvalidSettingException naming the first security setting that cannot work */
    public IrcSecurityConfig loadSecurity() {
        return IrcSecurityConfig.fromSettings(this::lookup);
    }

    /**
     * The {@code syncnet.tls.*} settings, with the key store loaded.
     *
     * @throws org.syncnet.settings.InvalidSettingException naming the first setting that cannot work
     */
    public TlsConfig loadTls() {
        return TlsConfig.fromSettings(this::lookup);
    }

    private String lookup(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }
}
