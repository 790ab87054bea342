package io.ghostbay.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The S3 API lives at the root: path-style {@code /bucket/key} and virtual-host {@code bucket.domain/key}. */
@ApplicationPath("/")
public class GhostBayApplication extends Application {
}
