package org.syncnet.web;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.service.ChatService;
import org.syncnet.cluster.ClusterView;
import org.syncnet.cluster.service.ElectionState;
import org.syncnet.cluster.service.LeadershipChanged;
import org.syncnet.cluster.service.LeadershipHistory;

/**
 * {@code GET /syncnet/api/cluster}: this server's view of the cluster, with the chat's account counters (accounts,
 * failed logins in the log, accounts and addresses whose next login must wait).
 */
@Path("cluster")
public class ClusterResource {
    @Inject
    ElectionState election;
    @Inject
    LeadershipHistory history;
    @Inject
    WebSettings web;
    @Inject
    ChatService chat;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response view() {
        ClusterView view = election.view();
        if (view == null) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        return Response.ok(toJson(view)).build();
    }

    private JsonObject toJson(ClusterView view) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (ClusterView.MemberView m : view.members()) {
            JsonObjectBuilder member = Json.createObjectBuilder()
                    .add("id", m.id())
                    .add("ringPosition", m.ringPosition())
                    .add("alive", m.alive())
                    .add("state", m.state().name());
            nullable(member, "url", web.urls().url(m.id()));
            nullable(member, "httpsUrl", web.urls().secureUrl(m.id()));
            if (m.lastHeardMillisAgo() == null) {
                member.addNull("lastHeardMillisAgo");
            } else {
                member.add("lastHeardMillisAgo", m.lastHeardMillisAgo());
            }
            members.add(member);
        }
        JsonObjectBuilder dropped = Json.createObjectBuilder();
        view.dropped().forEach(dropped::add);
        JsonObjectBuilder lag = Json.createObjectBuilder();
        view.replicationLag().forEach(lag::add);
        JsonArrayBuilder changes = Json.createArrayBuilder();
        for (LeadershipChanged c : history.recent()) {
            JsonObjectBuilder change = Json.createObjectBuilder()
                    .add("atMillis", c.wallClockMillis())
                    .add("epoch", c.epoch())
                    .add("hasQuorum", c.hasQuorum())
                    .add("reason", c.reason());
            nullable(change, "leader", c.leader());
            changes.add(change);
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("self", view.self());
        nullable(json, "leader", view.leader());
        return json.add("epoch", view.epoch())
                .add("hasQuorum", view.hasQuorum())
                .add("role", view.role().name())
                .add("caughtUp", view.caughtUp())
                .add("log", Json.createObjectBuilder()
                        .add("lastEpoch", view.log().lastEpoch())
                        .add("lastSeq", view.log().lastSeq())
                        .add("commitSeq", view.log().commitSeq())
                        .add("unservableCatchUps", view.counters().unservableCatchUps())
                        .add("catchUpFetches", view.counters().catchUpFetches())
                        .add("relayedForwards", view.counters().relayedForwards())
                        .add("heldBack", view.counters().heldBack()))
                .add("members", members)
                .add("dropped", dropped)
                .add("replicationLag", lag)
                .add("leadershipChanges", changes)
                .add("accounts", accounts())
                .build();
    }

    private JsonObjectBuilder accounts() {
        long now = System.currentTimeMillis();
        ChatState.AccountCounters c = chat.application().read(s -> s.accountCounters(now));
        return Json.createObjectBuilder()
                .add("registered", c.accounts())
                .add("failedLogins", c.failedLogins())
                .add("blockedAccounts", c.blockedAccounts())
                .add("blockedAddresses", c.blockedAddresses());
    }

    private static void nullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
