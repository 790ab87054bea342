/**
 * Client-side pieces shared by GhostBay's own tools (ghostbay-benchmark, the ghostbay CLI): AWS
 * Signature V4 signing of requests and presigned URLs. Plain Java 17 with no dependencies, so it
 * can be shaded into any runnable jar; no Jakarta EE types belong here. The audit log's format
 * ({@code io.ghostbay.client.audit}) lives in this module too, because the server (which puts
 * this jar in its WAR) and the CLI must agree on it byte for byte.
 */
package io.ghostbay.client;
