package io.ghostbay.service;

import java.io.Serializable;

public record BucketInfo(long id, String name, long createdMs, String region, long ownerId) implements Serializable {
}
