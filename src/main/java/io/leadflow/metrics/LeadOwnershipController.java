package io.leadflow.metrics;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ownership check on demand (administrators): {@code POST /api/admin/lead-ownership} runs it now, {@code GET}
 * answers the last result. Every violation names the lead and what is wrong.
 */
@RestController
class LeadOwnershipController {

  private final LeadOwnershipWatch watch;
  private final LeadOwnership ownership;

  LeadOwnershipController(LeadOwnershipWatch watch, LeadOwnership ownership) {
    this.watch = watch;
    this.ownership = ownership;
  }

  @GetMapping("/api/admin/lead-ownership")
  ResponseEntity<LeadOwnership.Report> last() {
    LeadOwnership.Report report = ownership.last();
    return report == null ? ResponseEntity.ok(watch.checkNow()) : ResponseEntity.ok(report);
  }

  @PostMapping("/api/admin/lead-ownership")
  LeadOwnership.Report check() {
    return watch.checkNow();
  }
}
