package io.leadflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.reliability.LeadClient.Posted;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A node dies (SIGKILL) while leads pour in; after a restart every lead that was confirmed exists once, with one
 * lifecycle, every step that was pending has run, and no mail went out twice. Every request that was in flight at the
 * kill left its lead whole or nothing of it, a refused request left nothing, and no lead exists that nobody posted.
 */
class CrashIT {

  private static final String DOMAIN = "@load.example";
  private static final int CLIENTS = 4;
  // a busy machine makes a start or the jobs slow, which is waited for; a node or job executor that stands still
  // this long has failed
  private static final Duration STALL = Duration.ofMinutes(1);
  private static final Duration LIMIT = Duration.ofMinutes(15);

  private final LeadClient client = new LeadClient();

  @Test
  void shouldLoseNothingAndDoNothingTwiceWhenANodeIsKilledUnderLoad() throws Exception {
    // the node is closed even when the test fails before killing it: no node outlives its test
    try (SharedInfrastructure shared = new SharedInfrastructure();
        PackagedApp node = PackagedApp.node("crash-before", shared.jdbcUrl(), shared.smtpPort()).start()) {
      node.awaitHealthyWhileStarting(STALL, LIMIT);
      Queue<Posted> posted = new ConcurrentLinkedQueue<>();
      AtomicBoolean loading = new AtomicBoolean(true);
      AtomicInteger sequence = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      for (int thread = 0; thread < CLIENTS; thread++) {
        clients.submit(() -> {
          while (loading.get()) {
            posted.add(client.post(node, "crash" + sequence.incrementAndGet() + DOMAIN, "DE"));
          }
        });
      }
      try {
        WhileProgressing.await("60 leads confirmed", () -> confirmed(posted).size() >= 60,
            () -> confirmed(posted).size(), STALL, LIMIT);

        // no client starts another request: those under way are in flight when the node dies
        loading.set(false);
        node.kill();
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        try (PackagedApp restarted = PackagedApp.node("crash-after", shared.jdbcUrl(), shared.smtpPort()).start()) {
          restarted.awaitHealthyWhileStarting(STALL, LIMIT);
          // the restarted node runs what the dead one left: jobs it had locked once their lock expired
          WhileProgressing.await("the due jobs run after the restart", () -> dueJobs(shared) == 0,
              () -> jobsRun(shared) + " jobs run, " + dueJobs(shared) + " due", STALL, LIMIT);

          List<Posted> confirmed = confirmed(posted);
          List<Posted> unanswered = posted.stream().filter(post -> !post.answered()).toList();
          List<Posted> refused = posted.stream().filter(post -> post.answered() && post.id() == null).toList();
          for (Posted post : confirmed) {
            assertWhole(shared, post.email(), post.id());
          }
          int unansweredThere = 0;
          for (Posted post : unanswered) {
            String id = leadOf(shared, post.email());
            if (id == null) {
              assertNothingOf(shared, post.email());
            } else {
              assertWhole(shared, post.email(), id);
              unansweredThere++;
            }
          }
          for (Posted post : refused) {
            assertNothingOf(shared, post.email());
          }
          assertThat(shared.jdbc.queryForObject("select count(*) from leadflow.lead where email like ?", Long.class,
              "%" + DOMAIN)).as("leads: the %d confirmed and %d of the %d unanswered (%d refused)", confirmed.size(),
              unansweredThere, unanswered.size(), refused.size()).isEqualTo(confirmed.size() + unansweredThere);
          assertThat(shared.jdbc.queryForList("select business_key_ from public.act_hi_procinst p "
              + "where proc_def_key_ = 'LeadLifecycle' and not exists (select 1 from leadflow.lead l "
              + "where l.id::text = p.business_key_)", String.class)).as("lifecycles without their lead").isEmpty();
        }
      } finally {
        // the clients stop posting however the test ends
        loading.set(false);
        clients.shutdownNow();
      }
    }
  }

  private static List<Posted> confirmed(Queue<Posted> posted) {
    return posted.stream().filter(post -> post.id() != null).toList();
  }

  /** The id of the one lead with the email, or null; more than one is a duplicate. */
  private static String leadOf(SharedInfrastructure shared, String email) {
    List<String> ids = shared.jdbc.queryForList("select id::text from leadflow.lead where lower(email) = lower(?)",
        String.class, email);
    assertThat(ids).as("leads of " + email).hasSizeLessThanOrEqualTo(1);
    return ids.isEmpty() ? null : ids.get(0);
  }

  /** The lead exists once, recorded once, with one lifecycle waiting for its rep, acknowledged once. */
  private static void assertWhole(SharedInfrastructure shared, String email, String id) {
    assertThat(leadOf(shared, email)).as("the lead of " + email).isEqualTo(id);
    assertThat(shared.jdbc.queryForObject("select count(*) from leadflow.inquiry where lead_id = ?::uuid",
        Long.class, id)).as("inquiries of " + email).isOne();
    assertThat(shared.jdbc.queryForObject("select count(*) from public.act_hi_procinst "
        + "where business_key_ = ? and proc_def_key_ = 'LeadLifecycle'", Long.class, id))
        .as("lifecycles of " + email).isOne();
    assertThat(shared.jdbc.queryForObject("select count(*) from leadflow.lead_activity "
        + "where lead_id = ?::uuid and type = 'EMAIL_SENT'", Long.class, id))
        .as("acknowledgements recorded for " + email).isOne();
    assertThat(shared.jdbc.queryForObject("select count(*) from public.act_ru_task "
        + "where task_def_key_ = 'Task_AcceptLead' and proc_inst_id_ = (select id_ from public.act_ru_execution "
        + "where business_key_ = ? and parent_id_ is null and proc_def_id_ like 'LeadLifecycle:%')",
        Long.class, id)).as("acceptance task of " + email).isOne();
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

  /** Nothing of the request: no lead, no mail (a lifecycle without its lead is looked for across all requests). */
  private static void assertNothingOf(SharedInfrastructure shared, String email) {
    assertThat(leadOf(shared, email)).as("a lead of " + email).isNull();
    assertThat(shared.mailsTo(email, "")).as("mails to " + email).isZero();
  }

  private static long dueJobs(SharedInfrastructure shared) {
    return shared.jdbc.queryForObject("select count(*) from public.act_ru_job where retries_ > 0 "
        + "and suspension_state_ = 1 and (duedate_ is null or duedate_ <= now())", Long.class);
  }

  private static long jobsRun(SharedInfrastructure shared) {
    return shared.jdbc.queryForObject("select count(*) from public.act_hi_job_log where job_state_ <> 0",
        Long.class);
  }
}
