package org.syncnet.door.irc;

import java.util.random.RandomGenerator;

/**
 * What SCRAM needs beyond the accounts: the per-cluster secret its decoys for unknown accounts derive from (alike on
 * every server, so a decoy does not change with the server asked), the iteration count and salt length real
 * credentials get (which decoys copy), and the source of server nonces.
 */
public record ScramSettings(byte[] decoySecret, int iterations, int saltBytes, RandomGenerator random) {
    public ScramSettings {
        decoySecret = decoySecret.clone();
    }

    @Override
    public byte[] decoySecret() {
        return decoySecret.clone();
    }
}
