package org.syncnet.door.irc.sasl;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One IRC connection's SASL authentication (IRCv3 sasl-3.1 and 3.2) on the server side: the client's
 * {@code AUTHENTICATE} commands in, {@link SaslStep}s out, which the IRC session turns into lines and numerics. Plain
 * Java, no clock, no I/O; not thread-safe, so call it from the connection's loop (also to report a password check).
 * <p>
 * An attempt starts with {@code AUTHENTICATE <mechanism>} (case-insensitive) and goes on with the mechanism's
 * messages in base64 chunks; {@code AUTHENTICATE *} aborts it. While an attempt is in progress every parameter is one
 * of its chunks, as Ergo and Solanum (with Atheme) have it: a second {@code AUTHENTICATE PLAIN} is not a restart but a
 * chunk, which does not decode and so fails the attempt (904), after which the client may start again. Each attempt
 * starts from nothing; only a success is remembered, and after it every {@code AUTHENTICATE} is answered
 * {@link SaslStep.AlreadyAuthenticated} unless the caller {@linkplain #allowReauthentication allows} a new attempt.
 */
public final class SaslExchange {
    public static final String PLAIN = "PLAIN";
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    /** Every mechanism this package implements, in the order they are listed to clients. */
    public static final List<String> SUPPORTED = List.of(PLAIN, SCRAM_SHA_256);

    private final List<String> offered;
    private final ScramCredentials credentials;
    private final ServerNonces nonces;
    private boolean reauthenticationAllowed;
    private String authenticatedAs;

    private SaslMechanism mechanism;
    private PayloadAssembler assembler;
    private SaslStep.CheckPassword pendingCheck;

    /**
     * @param offeredMechanisms the mechanisms this connection may use, from {@link #SUPPORTED} (PLAIN only where the
     *        caller's policy allows it, typically over TLS)
     * @param credentials where SCRAM finds accounts (one per server)
     * @param random the source of SCRAM's server nonces: a {@code SecureRandom}
     */
    public SaslExchange(Set<String> offeredMechanisms, ScramCredentials credentials, RandomGenerator random) {
        this(offeredMechanisms, credentials, ServerNonces.from(random));
    }

    SaslExchange(Set<String> offeredMechanisms, ScramCredentials credentials, ServerNonces nonces) {
        if (!SUPPORTED.containsAll(offeredMechanisms)) {
            throw new IllegalArgumentException("unsupported SASL mechanisms in " + offeredMechanisms);
        }
        this.offered = SUPPORTED.stream().filter(offeredMechanisms::contains).toList();
        this.credentials = Objects.requireNonNull(credentials);
        this.nonces = Objects.requireNonNull(nonces);
    }

    /** The mechanisms offered, in a fixed order: for {@code sasl=} in CAP LS 302 and for 908. */
    public List<String> offeredMechanisms() {
        return offered;
    }

    /** The parameter of one {@code AUTHENTICATE} from the client (one without any is the caller's 461). */
    public SaslStep authenticate(String parameter) {
        if (authenticatedAs != null && !reauthenticationAllowed) {
            endAttempt();
            return new SaslStep.AlreadyAuthenticated();
        }
        if (parameter.equals("*")) {
            endAttempt();
            return new SaslStep.Aborted();
        }
        if (pendingCheck != null) {
            String account = pendingCheck.account();
            endAttempt();
            return new SaslStep.Failed(FailureKind.MALFORMED, "AUTHENTICATE while the password was being checked",
                    Optional.of(account), List.of());
        }
        return mechanism == null ? start(parameter) : proceed(parameter);
    }

    /**
     * The result of the check a {@link SaslStep.CheckPassword} asked for: pass that very object back. A result for
     * an attempt that has ended meanwhile (aborted, say) is ignored.
     */
    public SaslStep passwordChecked(SaslStep.CheckPassword check, boolean matches) {
        if (check != pendingCheck) {
            return new SaslStep.NoReply();
        }
        endAttempt();
        if (!matches) {
            return new SaslStep.Failed(FailureKind.BAD_CREDENTIALS, "wrong password or no such account",
                    Optional.of(check.account()), List.of());
        }
        authenticatedAs = check.account();
        return new SaslStep.Succeeded(check.account());
    }

    /**
     * Ends an attempt in progress, for when the client completes registration in the middle of one (sasl-3.1 wants
     * 906 then). {@link SaslStep.NoReply} when there was none.
     */
    public SaslStep abort() {
        if (!inProgress()) {
            return new SaslStep.NoReply();
        }
        endAttempt();
        return new SaslStep.Aborted();
    }

    /** Whether an attempt has started and not ended (a password check in flight included). */
    public boolean inProgress() {
        return mechanism != null || pendingCheck != null;
    }

    /** Whether a connection that has authenticated may start another attempt (off until the caller says so). */
    public void allowReauthentication(boolean allowed) {
        reauthenticationAllowed = allowed;
    }

    private SaslStep start(String parameter) {
        Optional<String> name = mechanismName(parameter).filter(offered::contains);
        if (name.isEmpty()) {
            return new SaslStep.MechanismRefused(offered);
        }
        mechanism = name.get().equals(PLAIN) ? new PlainMechanism() : new ScramSha256Mechanism(credentials, nonces);
        assembler = new PayloadAssembler();
        return new SaslStep.Challenge(List.of("+"));
    }

    private SaslStep proceed(String chunk) {
        PayloadAssembler.Progress progress = assembler.add(chunk);
        if (progress instanceof PayloadAssembler.Progress.NeedMore) {
            return new SaslStep.NoReply();
        }
        if (progress instanceof PayloadAssembler.Progress.TooLong) {
            endAttempt();
            return new SaslStep.TooLong();
        }
        if (progress instanceof PayloadAssembler.Progress.Invalid invalid) {
            endAttempt();
            return new SaslStep.Failed(FailureKind.MALFORMED, invalid.reason(), Optional.empty(), List.of());
        }
        SaslStep step = mechanism.respond(((PayloadAssembler.Progress.Complete) progress).payload());
        if (step instanceof SaslStep.Challenge) {
            return step;
        }
        endAttempt();
        if (step instanceof SaslStep.CheckPassword check) {
            pendingCheck = check;
        } else if (step instanceof SaslStep.Succeeded succeeded) {
            authenticatedAs = succeeded.account();
        }
        return step;
    }

    /**
     * The mechanism's name in its canonical spelling. Upper-cased as ASCII only: Unicode case rules would let
     * {@code "plaın"} (dotless i) name PLAIN.
     */
    private static Optional<String> mechanismName(String parameter) {
        for (int i = 0; i < parameter.length(); i++) {
            if (parameter.charAt(i) > 0x7e) {
                return Optional.empty();
            }
        }
        return Optional.of(parameter.toUpperCase(Locale.ROOT));
    }

    private void endAttempt() {
        mechanism = null;
        assembler = null;
        pendingCheck = null;
    }
}
