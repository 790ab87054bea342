/**
 * The audit log: the request record ({@link io.ghostbay.web.audit.AuditRecord}), the request
 * attributes through which the JAX-RS layer reports caller and address
 * ({@link io.ghostbay.web.audit.AuditAttributes}), the queue and writer thread
 * ({@link io.ghostbay.web.audit.AuditLog}), the files ({@link io.ghostbay.web.audit.AuditFileWriter})
 * and the syslog copy. The line format and hash chain are not defined here but in
 * {@code io.ghostbay.client.audit} (ghostbay-client), which the CLI's verifier shares. Nothing here
 * may record a secret, a signature or a query string (presigned URLs carry their signature there).
 */
package io.ghostbay.web.audit;
