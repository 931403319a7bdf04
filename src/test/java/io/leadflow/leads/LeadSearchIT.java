package io.leadflow.leads;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.security.ApiKeyAuthenticationFilter;
import io.leadflow.security.ApiKeys;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /api/leads} over HTTP: every filter, the orders, paging, bad parameters, and which leads each role finds.
 * The leads are written straight into the table, as the lifecycle would have left them, under a campaign of this test's
 * own, so that the leads of other tests sharing the database do not count.
 */
@LeadflowIntegrationTest
class LeadSearchIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApiKeys apiKeys;

  /** This run's campaign, and a word no other lead has. */
  String campaign;
  String word;

  UUID samsMql;
  UUID samsWon;
  UUID lenasSal;
  UUID emeaQueue;
  UUID americasQueue;
  UUID ritasSql;

  @BeforeEach
  void writeLeads() {
    word = randomWord();
    campaign = "search-" + word;
    samsMql = lead("Ada", "Lovelace", "Analytical " + word, "ada@analytical-" + word + ".example", "MQL",
        "sales-emea", "sam", "web-form", 80, "2026-01-10T09:00:00Z");
    samsWon = lead("Charles", "Babbage", "Difference " + word, "charles@difference-" + word + ".example", "WON",
        "sales-emea", "sam", "webinar", 120, "2026-02-11T09:00:00Z");
    lenasSal = lead("Grace", "Hopper", "Cobol " + word, "grace@cobol-" + word + ".example", "SAL", "sales-emea",
        "lena", "web-form", 95, "2026-03-12T09:00:00Z");
    emeaQueue = lead("Alan", "Turing", "Bletchley " + word, "alan@bletchley-" + word + ".example", "MQL",
        "sales-emea", null, "event", 60, "2026-04-13T09:00:00Z");
    americasQueue = lead("Katherine", "Johnson", "Orbit " + word, "katherine@orbit-" + word + ".example", "MQL",
        "sales-americas", null, "web-form", 70, "2026-05-14T09:00:00Z");
    ritasSql = lead("Dorothy", "Vaughan", "Langley " + word, "dorothy@langley-" + word + ".example", "SQL",
        "sales-americas", "rita", "webinar", 110, "2026-06-15T09:00:00Z");
  }

  @Test
  void shouldFindALeadByAnyPartOfItsNameEmailOrCompany() {
    assertThat(ids(MANAGER, "q=ovela&campaign=" + campaign)).containsExactly(samsMql);
    assertThat(ids(MANAGER, "q=HOPPER&campaign=" + campaign)).containsExactly(lenasSal);
    assertThat(ids(MANAGER, "q=letchl&campaign=" + campaign)).containsExactly(emeaQueue);
    assertThat(ids(MANAGER, "q=katherine@orbit&campaign=" + campaign)).containsExactly(americasQueue);
    // every word must occur, in any order; a short word matches the start of a word
    assertThat(ids(MANAGER, "q=vaughan dor&campaign=" + campaign)).containsExactly(ritasSql);
    assertThat(ids(MANAGER, "q=ch ba&campaign=" + campaign)).containsExactly(samsWon);
    assertThat(ids(MANAGER, "q=ar ba&campaign=" + campaign)).isEmpty();
    // the word alone finds every lead of this test, and only those
    assertThat(ids(MANAGER, "q=" + word)).containsExactlyInAnyOrder(samsMql, samsWon, lenasSal, emeaQueue,
        americasQueue, ritasSql);
  }

  @Test
  void shouldFilterByEachAttribute() {
    String mine = "campaign=" + campaign;
    assertThat(ids(MANAGER, mine + "&email=GRACE@cobol-" + word + ".example")).containsExactly(lenasSal);
    assertThat(ids(MANAGER, mine + "&stage=MQL")).containsExactlyInAnyOrder(samsMql, emeaQueue, americasQueue);
    assertThat(ids(MANAGER, mine + "&stage=SAL,SQL")).containsExactlyInAnyOrder(lenasSal, ritasSql);
    assertThat(ids(MANAGER, mine + "&stage=SAL&stage=WON")).containsExactlyInAnyOrder(lenasSal, samsWon);
    assertThat(ids(MANAGER, mine + "&owner=sam")).containsExactlyInAnyOrder(samsMql, samsWon);
    assertThat(ids(MANAGER, mine + "&team=sales-americas")).containsExactlyInAnyOrder(americasQueue, ritasSql);
    assertThat(ids(MANAGER, mine + "&channel=webinar")).containsExactlyInAnyOrder(samsWon, ritasSql);
    assertThat(ids(MANAGER, mine + "&createdFrom=2026-03-12&createdTo=2026-05-14"))
        .containsExactlyInAnyOrder(lenasSal, emeaQueue, americasQueue);
    assertThat(ids(MANAGER, "q=" + word + "&campaign=other-" + word)).isEmpty();
  }

  @Test
  void shouldSortAndPage() {
    String mine = "campaign=" + campaign;
    assertThat(ids(MANAGER, mine)).as("newest first by default")
        .containsExactly(ritasSql, americasQueue, emeaQueue, lenasSal, samsWon, samsMql);
    assertThat(ids(MANAGER, mine + "&sort=createdAt,asc").get(0)).isEqualTo(samsMql);
    assertThat(ids(MANAGER, mine + "&sort=score")).as("highest score first")
        .containsExactly(samsWon, ritasSql, lenasSal, samsMql, americasQueue, emeaQueue);
    assertThat(ids(MANAGER, mine + "&sort=name")).as("by last name")
        .containsExactly(samsWon, lenasSal, americasQueue, samsMql, emeaQueue, ritasSql);
    assertThat(ids(MANAGER, mine + "&sort=company,desc").get(0)).isEqualTo(americasQueue);

    JsonNode second = search(MANAGER, mine + "&size=4&page=1").getBody();
    assertThat(second.get("total").asInt()).isEqualTo(6);
    assertThat(second.get("totalExact").asBoolean()).isTrue();
    assertThat(second.get("page").asInt()).isEqualTo(1);
    assertThat(ids(second)).containsExactly(samsWon, samsMql);
    JsonNode first = search(MANAGER, mine + "&size=4").getBody();
    assertThat(first.get("total").asInt()).isEqualTo(6);
    assertThat(ids(first)).containsExactly(ritasSql, americasQueue, emeaQueue, lenasSal);
    assertThat(first.at("/items/0/stageSince").asText()).isEqualTo("2026-06-16T09:00:00Z");
    assertThat(first.at("/items/0/url").asText()).isEqualTo("/leads/" + ritasSql);
  }

  @Test
  void shouldShowARepTheirOwnLeadsAndTheirTeamsQueueOnly() {
    String mine = "campaign=" + campaign;
    assertThat(ids(REP_EMEA, mine)).as("sam: his leads and the EMEA queue, not lena's")
        .containsExactlyInAnyOrder(samsMql, samsWon, emeaQueue);
    assertThat(ids("lena", mine)).containsExactlyInAnyOrder(lenasSal, emeaQueue);
    assertThat(ids(REP_AMERICAS, mine)).containsExactlyInAnyOrder(ritasSql, americasQueue);
    // a filter cannot widen what a rep finds
    assertThat(ids(REP_EMEA, mine + "&owner=lena")).isEmpty();
    assertThat(ids(REP_EMEA, mine + "&team=sales-americas")).isEmpty();
    assertThat(ids(REP_EMEA, "q=hopper " + word)).isEmpty();
    for (String user : List.of(MANAGER, MARKETING_OPS, ADMIN)) {
      assertThat(ids(user, mine)).as(user).hasSize(6);
    }
  }

  @Test
  void shouldShowAnApiKeyAndAnAnonymousCallerNothing() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(ApiKeyAuthenticationFilter.HEADER, apiKeys.create("search-" + word, "web-form", ADMIN).key());
    ResponseEntity<String> byKey = rest.exchange("/api/leads?campaign=" + campaign, HttpMethod.GET,
        new HttpEntity<>(headers), String.class);
    ResponseEntity<String> anonymous = rest.getForEntity("/api/leads?campaign=" + campaign, String.class);

    assertThat(byKey.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(byKey.getBody()).doesNotContain(word);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldNameEveryBadParameter() {
    ResponseEntity<JsonNode> bad = search(MANAGER, "stage=WARM&size=500&page=-1&sort=age&createdFrom=yesterday"
        + "&createdTo=2026-13-01&colour=red&q=" + "x".repeat(201));

    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat(bad.getBody().get("errors").findValuesAsText("field")).containsExactly("colour", "createdFrom",
        "createdTo", "page", "q", "size", "sort", "stage");
    assertThat(search(MANAGER, "size=100&page=101").getBody().get("errors").findValuesAsText("field"))
        .containsExactly("page");
    assertThat(search(MANAGER, "createdFrom=2026-05-01&createdTo=2026-04-01").getBody().get("errors")
        .findValuesAsText("field")).containsExactly("createdTo");
  }

  private UUID lead(String first, String last, String company, String email, String stage, String team,
      String owner, String channel, int score, String created) {
    UUID id = UUID.randomUUID();
    Timestamp at = Timestamp.from(Instant.parse(created));
    jdbc.update("""
        insert into leadflow.lead (id, email, first_name, last_name, company, source_channel, campaign, stage,
          created_at, updated_at, team, owner, score)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, email, first, last, company, channel, campaign, stage,
        at, at, team, owner, score);
    jdbc.update("insert into leadflow.lead_stage_change (lead_id, from_stage, to_stage, changed_at, changed_by) "
        + "values (?, null, ?, ?, 'system')", id, stage, Timestamp.from(at.toInstant().plusSeconds(86400)));
    return id;
  }

  private ResponseEntity<JsonNode> search(String user, String query) {
    return rest.withBasicAuth(user, PASSWORD).getForEntity("/api/leads?" + query, JsonNode.class);
  }

  private List<UUID> ids(String user, String query) {
    ResponseEntity<JsonNode> response = search(user, query);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    return ids(response.getBody());
  }

  private static List<UUID> ids(JsonNode list) {
    List<UUID> ids = new ArrayList<>();
    list.get("items").forEach(item -> ids.add(UUID.fromString(item.get("id").asText())));
    return ids;
  }

  private static String randomWord() {
    Random random = new Random();
    StringBuilder word = new StringBuilder("zq");
    for (int i = 0; i < 8; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }
}
