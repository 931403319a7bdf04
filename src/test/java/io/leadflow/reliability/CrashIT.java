package io.leadflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A node dies (SIGKILL) while leads pour in; after a restart every lead that was confirmed exists once, with one
 * lifecycle, every step that was pending has run, and no mail went out twice.
 */
class CrashIT {

  private final LeadClient client = new LeadClient();

  @Test
  void shouldLoseNothingAndDoNothingTwiceWhenANodeIsKilledUnderLoad() throws Exception {
    // the node is closed even when the test fails before killing it: no node outlives its test
    try (SharedInfrastructure shared = new SharedInfrastructure();
        PackagedApp node = PackagedApp.node("crash-before", shared.jdbcUrl(), shared.smtpPort()).start()) {
      node.awaitHealthy(Duration.ofMinutes(2));
      Set<String> confirmed = ConcurrentHashMap.newKeySet();
      AtomicBoolean loading = new AtomicBoolean(true);
      AtomicInteger sequence = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      for (int thread = 0; thread < 4; thread++) {
        clients.submit(() -> {
          while (loading.get()) {
            String id = client.postHandRaiser(node, "crash" + sequence.incrementAndGet() + "@load.example", "DE");
            if (id != null) {
              confirmed.add(id);
            }
          }
        });
      }
      try {
        await().atMost(Duration.ofMinutes(1)).until(() -> confirmed.size() >= 60);

        node.kill();
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        try (PackagedApp restarted = PackagedApp.node("crash-after", shared.jdbcUrl(), shared.smtpPort()).start()) {
          restarted.awaitHealthy(Duration.ofMinutes(2));
          // the restarted node runs what the dead one left: jobs it had locked once their lock expired
          await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> shared.jdbc
              .queryForObject("select count(*) from public.act_ru_job where retries_ > 0 and suspension_state_ = 1 "
                  + "and (duedate_ is null or duedate_ <= now())", Long.class) == 0);

          for (String id : confirmed) {
            assertThat(shared.jdbc.queryForObject("select count(*) from leadflow.lead where id = ?::uuid",
                Long.class, id)).as("lead " + id).isOne();
            assertThat(shared.jdbc.queryForObject("select count(*) from public.act_hi_procinst "
                + "where business_key_ = ? and proc_def_key_ = 'LeadLifecycle'", Long.class, id))
                .as("lifecycles of " + id).isOne();
            assertThat(shared.jdbc.queryForObject("select count(*) from leadflow.lead_activity "
                + "where lead_id = ?::uuid and type = 'EMAIL_SENT'", Long.class, id))
                .as("acknowledgements recorded for " + id).isOne();
            assertThat(shared.jdbc.queryForObject("select count(*) from public.act_ru_task "
                + "where task_def_key_ = 'Task_AcceptLead' and proc_inst_id_ = (select id_ from public.act_ru_execution "
                + "where business_key_ = ? and parent_id_ is null and proc_def_id_ like 'LeadLifecycle:%')",
                Long.class, id)).as("acceptance task of " + id).isOne();
            String email = shared.jdbc.queryForObject("select email from leadflow.lead where id = ?::uuid",
                String.class, id);
            long acknowledgements = shared.mailsTo(email, "Your Leadflow demo");
            // a mail whose sending the crash interrupted may or may not be out: it is not sent again (at most once)
            boolean interrupted = shared.jdbc.queryForObject("select count(*) from leadflow.side_effect s "
                + "join leadflow.inquiry i on s.key = 'acknowledgement/' || i.id "
                + "where i.lead_id = ?::uuid and s.status = 'STARTED'", Long.class, id) > 0;
            if (interrupted) {
              assertThat(acknowledgements).as("acknowledgements mailed to " + email).isLessThanOrEqualTo(1);
            } else {
              assertThat(acknowledgements).as("acknowledgements mailed to " + email).isOne();
            }
          }
        }
      } finally {
        // the clients stop posting however the test ends
        loading.set(false);
        clients.shutdownNow();
      }
    }
  }
}
