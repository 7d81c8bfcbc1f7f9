package org.syncnet.door.irc.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.PasswordCredential;

/** The SCRAM-SHA-256 example of RFC 7677 section 3, end to end through the exchange, byte for byte. */
class ScramRfc7677Test {
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static SaslExchange exchange() {
        PasswordCredential credential =
                PasswordCredential.of("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        return SaslClient.exchange(SaslClient.credentials(Map.of("user", credential)),
                () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
    }

    @Test
    void theRfcExchangeSucceedsWithTheRfcMessages() {
        SaslExchange exchange = exchange();
        SaslClient.start(exchange, "SCRAM-SHA-256");
        assertEquals(SERVER_FIRST, SaslClient.message(SaslClient.send(exchange, CLIENT_FIRST)));
        assertEquals(SERVER_FINAL, SaslClient.message(SaslClient.send(exchange, CLIENT_FINAL)));
        assertEquals(new SaslStep.Succeeded("user"), exchange.authenticate("+"));
        assertEquals(false, exchange.inProgress());
    }

    @Test
    void theTestClientComputesTheRfcProof() {
        ScramTestClient client = new ScramTestClient("user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        assertEquals(CLIENT_FIRST, client.clientFirst());
        assertEquals(CLIENT_FINAL, client.clientFinal(SERVER_FIRST));
        assertEquals(SERVER_FINAL, client.expectedServerFinal());
    }

    @Test
    void theRfcProofWithOneBitChangedFailsWithInvalidProof() {
        SaslExchange exchange = exchange();
        SaslClient.start(exchange, "scram-sha-256");
        SaslClient.send(exchange, CLIENT_FIRST);
        String tampered = CLIENT_FINAL.replace("p=dHzb", "p=dHzc");
        SaslStep.Failed failed = (SaslStep.Failed) SaslClient.send(exchange, tampered);
        assertEquals(FailureKind.BAD_CREDENTIALS, failed.kind());
        assertEquals("e=invalid-proof", SaslClient.message(failed.finalChunks()));
    }
}
