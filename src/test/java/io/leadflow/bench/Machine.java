package io.leadflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the figures were measured on, so that runs on different machines are not compared blindly. */
final class Machine {

  /** Linux's USER_HZ, the unit of the CPU times in /proc (100 on every common kernel). */
  private static final int CLOCK_TICKS = 100;

  private Machine() {
  }

  static Map<String, Object> describe() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("cpu", cpuModel().orElse("unknown"));
    machine.put("memoryGb", memoryGb().orElse(-1L));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    return machine;
  }

  /** Resident memory of a process in MB, from Linux's /proc; empty elsewhere. */
  static Optional<Double> residentMb(long pid) {
    return procLine(Path.of("/proc", String.valueOf(pid), "status"), "VmRSS:")
        .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
  }

  /**
   * CPU time a process and its finished children (for PostgreSQL: its ended backends and autovacuum workers) have
   * used so far, user and system, in seconds, from Linux's /proc; NaN elsewhere.
   */
  static double cpuSeconds(long pid) {
    try {
      String[] fields = stat(pid);
      long ticks = 0;
      for (int field = 11; field <= 14; field++) {
        ticks += Long.parseLong(fields[field]);
      }
      return ticks / (double) CLOCK_TICKS;
    } catch (IOException | RuntimeException notLinux) {
      return Double.NaN;
    }
  }

  /** The parent of a process, from Linux's /proc. */
  static long parentPid(long pid) throws IOException {
    return Long.parseLong(stat(pid)[1]);
  }

  /**
   * CPU time one PostgreSQL server has used so far, in seconds (see {@link #cpuSeconds}): its postmaster and every
   * process the postmaster started; other servers on the machine do not count.
   */
  static double postgresCpuSeconds(long postmaster) {
    try (var processes = Files.list(Path.of("/proc"))) {
      return cpuSeconds(postmaster) + processes
          .filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
          .mapToLong(dir -> Long.parseLong(dir.getFileName().toString()))
          .filter(pid -> {
            try {
              return parentPid(pid) == postmaster;
            } catch (IOException | RuntimeException gone) {
              return false;
            }
          })
          .mapToDouble(Machine::cpuSeconds)
          .filter(seconds -> !Double.isNaN(seconds))
          .sum();
    } catch (IOException | RuntimeException notLinux) {
      return Double.NaN;
    }
  }

  /** The fields of /proc/[pid]/stat after the command name (which is in parentheses and may contain spaces). */
  private static String[] stat(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  private static Optional<String> cpuModel() {
    return procLine(Path.of("/proc/cpuinfo"), "model name").map(line -> line.substring(line.indexOf(':') + 1).trim());
  }

  private static Optional<Long> memoryGb() {
    return procLine(Path.of("/proc/meminfo"), "MemTotal:")
        .map(line -> Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0));
  }

  private static Optional<String> procLine(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix)).findFirst();
    } catch (IOException | RuntimeException notLinux) {
      return Optional.empty();
    }
  }
}
