package org.syncnet.door.irc.sasl;

/**
 * SCRAM's {@code saslname} (RFC 5802): a name with {@code ,} written {@code =2C} and {@code =} written {@code =3D}.
 * Any other {@code =} is an error the RFC tells the server to fail on, since two spellings of one name are how a
 * check on one spelling gets around.
 */
final class SaslNames {
    private SaslNames() {
    }

    static String decode(String saslname) throws ScramRefusal {
        StringBuilder name = new StringBuilder(saslname.length());
        for (int i = 0; i < saslname.length(); i++) {
            char c = saslname.charAt(i);
            if (c != '=') {
                name.append(c);
            } else if (saslname.startsWith("2C", i + 1)) {
                name.append(',');
                i += 2;
            } else if (saslname.startsWith("3D", i + 1)) {
                name.append('=');
                i += 2;
            } else {
                throw ScramRefusal.malformed(ScramRefusal.INVALID_USERNAME_ENCODING,
                        "a SCRAM name has an = that is neither =2C nor =3D");
            }
        }
        return name.toString();
    }
}
