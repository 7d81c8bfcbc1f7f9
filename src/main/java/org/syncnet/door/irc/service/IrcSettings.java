package org.syncnet.door.irc.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.syncnet.door.irc.IrcAccountConfig;
import org.syncnet.door.irc.IrcConfig;

/** Reads the IRC door's settings through MicroProfile Config (system properties and environment override). */
@ApplicationScoped
public class IrcSettings {
    @Inject
    Config config;

    /** @throws org.syncnet.settings.InvalidSettingException naming the first setting that cannot work */
    public IrcConfig load() {
        return IrcConfig.fromSettings(this::lookup);
    }

    /** @throws org.syncnet.settings.InvalidSettingException naming the first account setting that cannot work */
    public IrcAccountConfig loadAccounts() {
        return IrcAccountConfig.fromSettings(this::lookup);
    }

    private String lookup(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }
}
