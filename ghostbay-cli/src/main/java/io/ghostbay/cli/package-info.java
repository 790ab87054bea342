/**
 * The {@code ghostbay} command-line tool: argument parsing ({@link io.ghostbay.cli.CommandLine}),
 * one class per command group ({@code UserCommands}, {@code KeyCommands}, {@code BucketCommands},
 * {@code PresignCommand}, {@code PolicyCommands}), the signed JSON client of the admin REST API
 * ({@link io.ghostbay.cli.AdminClient}, contract in {@code docs/admin-api.md}) and all terminal
 * output ({@code Output}).
 *
 * <p>Plain Java SE: no EE container, no CDI. Nothing here may print a secret key except the
 * answer that creates one.
 */
package io.ghostbay.cli;
