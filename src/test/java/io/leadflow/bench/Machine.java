package io.leadflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the figures were measured on, so that runs on different machines are not compared blindly. */
final class Machine {

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
