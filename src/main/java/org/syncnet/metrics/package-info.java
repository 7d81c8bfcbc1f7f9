/**
 * The server's metrics (docs/metrics.md): Micrometer meters over what the cluster, the chat and the history already
 * count, registered in the container's registry (which WildFly serves as Prometheus text on the management port),
 * or in a private one where the container has none. A container shell: the plain-Java parts only count, or hand
 * time stamps to a hook that this package implements.
 */
package org.syncnet.metrics;
