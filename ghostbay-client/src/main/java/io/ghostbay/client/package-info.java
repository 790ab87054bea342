/**
 * Client-side pieces shared by GhostBay's own tools (ghostbay-benchmark, the ghostbay CLI): AWS
 * Signature V4 signing of requests and presigned URLs. Plain Java 17 with no dependencies, so it
 * can be shaded into any runnable jar; no Jakarta EE types belong here.
 */
package io.ghostbay.client;
