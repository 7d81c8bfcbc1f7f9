package org.syncnet.cluster;

import org.syncnet.cluster.wire.Abdicate;
import org.syncnet.cluster.wire.Ack;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Envelope;
import org.syncnet.cluster.wire.Fetch;
import org.syncnet.cluster.wire.Forward;
import org.syncnet.cluster.wire.Heartbeat;
import org.syncnet.cluster.wire.Leave;
import org.syncnet.cluster.wire.LogAck;
import org.syncnet.cluster.wire.Message;
import org.syncnet.cluster.wire.Prepare;
import org.syncnet.cluster.wire.Promise;
import org.syncnet.cluster.wire.Reject;

/**
 * Steps the node with one received message: first what any message says about its sender (a restart, a leave, that
 * it is alive, the epoch it is in), then the message itself to the one that handles it — the election's messages to
 * {@link Election} and {@link Candidacy}, the log's to {@link LogExchange} — and last the candidacy's decisions.
 */
final class Router {
    private final Membership ring;
    private final String self;
    private final FailureDetector detector;
    private final PeerNews news;
    private final Standing standing;
    private final Term term;
    private final Election election;
    private final Candidacy candidacy;
    private final LogExchange exchange;

    Router(ClusterConfig config, FailureDetector detector, PeerNews news, Standing standing, Term term,
           Election election, Candidacy candidacy, LogExchange exchange) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.detector = detector;
        this.news = news;
        this.standing = standing;
        this.term = term;
        this.election = election;
        this.candidacy = candidacy;
        this.exchange = exchange;
    }

    void step(Envelope env, long now) {
        String from = env.sender();
        Message msg = env.message();
        long knownIncarnation = news.incarnationOf(from);
        if (news.restarted(env)) {
            election.onRestart(from, knownIncarnation, now);
        }
        if (news.sentBeforeLeave(env)) {
            // Overtaken by its Leave: it must not make the departed server look alive again.
            term.drop(DropReason.REPLAYED);
            return;
        }
        if (msg instanceof Leave) {
            news.left(env);
            election.onLeave(from, now);
        } else {
            term.report(detector.heard(from, now));
        }
        standing.heard(from, now);
        term.sawEpoch(env.epoch());
        if (msg instanceof Heartbeat hb) {
            onHeartbeat(from, env, hb, now);
        } else if (msg instanceof Ack ack) {
            election.onAck(from, env.epoch(), ack);
        } else if (msg instanceof Prepare p) {
            election.onPrepare(from, env.epoch(), p, now);
        } else if (msg instanceof Promise p) {
            candidacy.onPromise(from, env.epoch(), p, now);
        } else if (msg instanceof Reject r) {
            election.onReject(from, env.epoch(), r, now);
        } else if (msg instanceof Abdicate a) {
            election.onAbdicate(from, env.epoch(), a, now);
        } else if (msg instanceof Forward f) {
            exchange.onForward(from, f, now);
        } else if (msg instanceof Append a) {
            exchange.onAppend(from, env.epoch(), a, now);
        } else if (msg instanceof LogAck a) {
            exchange.onLogAck(from, env.epoch(), a, now);
        } else if (msg instanceof Fetch f) {
            exchange.onFetch(from, env.epoch(), f);
        }
        candidacy.reevaluate(now, "message");
    }

    /** What a heartbeat says of its sender and of whom the sender hears, then what it means for the election. */
    private void onHeartbeat(String from, Envelope env, Heartbeat hb, long now) {
        if (!news.heartbeat(env, hb)) {
            return; // reordered: a newer heartbeat of this sender was already seen
        }
        detector.readiness(from, hb.ready(), now);
        for (Member m : ring.ring()) {
            int age = hb.heardAgo(ring.rank(m.id()));
            if (age != Heartbeat.NOT_HEARD && !m.id().equals(self) && !m.id().equals(from)) {
                term.report(detector.heardThrough(m.id(), now - age, now));
            }
        }
        election.onHeartbeat(from, env.epoch(), env.incarnation(), hb);
    }
}
