package org.syncnet.cluster.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
    @Test
    void equalsTheJdksHmacForKeysAndMessagesOfEveryLengthAroundTheBlockSize() throws Exception {
        Random random = new Random(21);
        for (int keyLength : new int[] {1, 32, 63, 64, 65, 200}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            HmacSha256 ours = new HmacSha256(key);
            for (int length = 0; length <= 200; length++) {
                byte[] data = new byte[length + 7];
                random.nextBytes(data);
                jdk.update(data, 3, length);
                assertArrayEquals(jdk.doFinal(), ours.mac(data, 3, length), "key " + keyLength + ", length " + length);
            }
            byte[] datagram = new byte[DatagramCodec.MAX_DATAGRAM];
            random.nextBytes(datagram);
            assertArrayEquals(jdk.doFinal(datagram), ours.mac(datagram, 0, datagram.length));
            assertArrayEquals(jdk.doFinal(datagram), ours.mac(datagram, 0, datagram.length), "used again, the same");
        }
    }

    @Test
    void matchesRfc4231TestCase2() {
        byte[] mac = new HmacSha256("Jefe".getBytes()).mac("what do ya want for nothing?".getBytes(), 0, 28);
        assertArrayEquals(HexFormat.of().parseHex(
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), mac);
    }
}
