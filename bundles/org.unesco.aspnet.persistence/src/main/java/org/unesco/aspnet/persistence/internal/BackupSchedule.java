package org.unesco.aspnet.persistence.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * When the scheduled backups run (times of day in the server's time zone) and how their folder is
 * kept: one folder per backup, named by its local time ({@code 2026-12-02T02-30-00}) so that names
 * sort as times, written as {@code <name>.partial} and renamed when complete, so that neither the
 * retention nor an operator takes a half-written copy for a backup.
 */
record BackupSchedule(List<LocalTime> times) {
  static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");
  private static final Pattern BACKUP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d");
  static final String PARTIAL = ".partial";

  BackupSchedule {
    times = List.copyOf(new TreeSet<>(times));
    if (times.isEmpty()) {
      throw new IllegalArgumentException("no time of day");
    }
  }

  /** {@code 02:30} or {@code 02:30, 14:30}: times of day, HH:mm, separated by commas. */
  static BackupSchedule parse(String at) {
    List<LocalTime> times = new ArrayList<>();
    for (String part : at.split(",", -1)) {
      String time = part.strip();
      if (!time.matches("\\d\\d:\\d\\d")) {
        throw new IllegalArgumentException("'" + time + "' is not a time of day written HH:mm");
      }
      try {
        times.add(LocalTime.parse(time));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + time + "' is not a time of day written HH:mm");
      }
    }
    return new BackupSchedule(times);
  }

  /** The first scheduled time after {@code now}. */
  ZonedDateTime next(ZonedDateTime now) {
    for (int day = 0; ; day++) {
      for (LocalTime time : times) {
        ZonedDateTime at = now.toLocalDate().plusDays(day).atTime(time).atZone(now.getZone());
        if (at.isAfter(now)) {
          return at;
        }
      }
    }
  }

  /** The last scheduled time at or before {@code now}: a backup older than it was missed. */
  ZonedDateTime previous(ZonedDateTime now) {
    for (int day = 0; ; day--) {
      for (int i = times.size() - 1; i >= 0; i--) {
        ZonedDateTime at = now.toLocalDate().plusDays(day).atTime(times.get(i)).atZone(now.getZone());
        if (!at.isAfter(now)) {
          return at;
        }
      }
    }
  }

  /** The complete backups in {@code folder}, newest first. */
  static List<Path> backups(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children
          .filter(p -> BACKUP.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    }
  }

  /** When the newest complete backup in {@code folder} was taken (local time), if there is one. */
  static Optional<LocalDateTime> newest(Path folder) throws IOException {
    List<Path> all = backups(folder);
    return all.isEmpty() ? Optional.empty() : Optional.of(LocalDateTime.parse(all.get(0).getFileName().toString(), NAME));
  }

  /**
   * Deletes the complete backups after the {@code keep} newest, and the partial ones a stopped or
   * failed backup left; returns how many complete backups were deleted. Only folders named as
   * this class names them are touched: whatever else an operator keeps there stays.
   */
  static int prune(Path folder, int keep) throws IOException {
    List<Path> all = backups(folder);
    for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
      Folders.deleteTree(old);
    }
    try (Stream<Path> children = Files.list(folder)) {
      for (Path partial : children.filter(p -> {
        String name = p.getFileName().toString();
        return name.endsWith(PARTIAL) && BACKUP.matcher(name.substring(0, name.length() - PARTIAL.length())).matches();
      }).toList()) {
        Folders.deleteTree(partial);
      }
    }
    return Math.max(0, all.size() - keep);
  }
}
