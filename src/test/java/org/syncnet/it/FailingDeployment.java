package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.OperationBuilder;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Deploys a WAR that must fail (bad settings) through the management API, beside the running deployment. */
final class FailingDeployment {
    /** What a failed deployment left: the failure description and whether the deployment resource remained. */
    record Rejection(String failure, boolean leftBehind) {
    }

    private FailingDeployment() {
    }

    /** Adds and deploys {@code war} (fails the test if that works); always removes it again. */
    static Rejection deploy(ModelControllerClient client, WebArchive war) {
        ModelNode add = Operations.createAddOperation(Operations.createAddress("deployment", war.getName()));
        add.get("enabled").set(true);
        add.get("content").add().get("input-stream-index").set(0);
        try (InputStream content = war.as(ZipExporter.class).exportAsInputStream()) {
            ModelNode result = client.execute(OperationBuilder.create(add).addInputStream(content).build());
            if (Operations.isSuccessfulOutcome(result)) {
                fail(war.getName() + " deployed although its settings are invalid");
            }
            return new Rejection(Operations.getFailureDescription(result).asString(),
                    exists(client, war.getName()));
        } catch (IOException e) {
            throw new IllegalStateException("management operation failed", e);
        } finally {
            remove(client, war.getName());
        }
    }

    private static boolean exists(ModelControllerClient client, String name) {
        try {
            ModelNode read = Operations.createReadResourceOperation(Operations.createAddress("deployment", name));
            return Operations.isSuccessfulOutcome(client.execute(read));
        } catch (IOException e) {
            throw new IllegalStateException("management operation failed", e);
        }
    }

    private static void remove(ModelControllerClient client, String name) {
        if (exists(client, name)) {
            try {
                client.execute(Operations.createRemoveOperation(Operations.createAddress("deployment", name)));
            } catch (IOException e) {
                throw new IllegalStateException("could not remove " + name, e);
            }
        }
    }
}
