package it.io.ghostbay.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The server's pack files (small objects stored end to end), as ITs that look into the data directory see them. */
final class PackFiles {
    private PackFiles() {
    }

    /** Where a body is stored in a pack. */
    record Location(Path pack, long offset) {
    }

    static List<Path> all(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("packs");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    /** The pack and offset holding {@code body} (random bytes, so found once), or null when no pack holds it. */
    static Location find(Path dataDir, byte[] body) throws IOException {
        for (Path pack : all(dataDir)) {
            byte[] content;
            try {
                content = Files.readAllBytes(pack);
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // collected meanwhile
            }
            int at = S3TestBase.indexOf(content, body);
            if (at >= 0) {
                return new Location(pack, at);
            }
        }
        return null;
    }
}
