package io.leadflow.routing;

/**
 * Names shared by bpmn/RoutingTableCheck.bpmn, the Java code and the tests: a deployed routing table
 * (dmn/LeadRouting.dmn) that names sales teams which do not exist shows in Cockpit until they do.
 */
public final class RoutingTableCheck {

  public static final String PROCESS_KEY = "RoutingTableCheck";

  /** Model element ids. */
  public static final class Elements {
    public static final String START_ROUTING_TABLE_DEPLOYED = "StartEvent_RoutingTableDeployed";
    public static final String TASK_CHECK_ROUTED_TEAMS = "Task_CheckRoutedTeams";
    public static final String END_ROUTED_TEAMS_EXIST = "EndEvent_RoutedTeamsExist";

    private Elements() {
    }
  }

  /** Process variables; the business key is the decision definition's id. */
  public static final class Variables {
    /** The deployed version of the routing table to check. */
    public static final String DECISION_DEFINITION_ID = "decisionDefinitionId";

    private Variables() {
    }
  }

  private RoutingTableCheck() {
  }
}
