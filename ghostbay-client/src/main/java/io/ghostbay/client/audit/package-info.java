/**
 * The audit log's file format, shared by the server that writes it and the CLI that checks it:
 * the line envelope and hash chain ({@link io.ghostbay.client.audit.AuditChain}), file naming
 * ({@link io.ghostbay.client.audit.AuditFiles}) and the verifier
 * ({@link io.ghostbay.client.audit.AuditChainVerifier}). Plain Java with no dependencies; what a
 * request record contains besides the envelope is the server's business, not this package's.
 */
package io.ghostbay.client.audit;
