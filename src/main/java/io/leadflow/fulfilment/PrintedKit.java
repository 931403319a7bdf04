package io.leadflow.fulfilment;

/**
 * Names shared by bpmn/PrintedKit.bpmn, its form, the Java code and the tests: a printed kit sent by post to a lead
 * the fulfilment policy (dmn/FulfilmentPolicy.dmn) picked.
 */
public final class PrintedKit {

  public static final String PROCESS_KEY = "PrintedKit";
  /** Starts the kit process; sent by the lifecycle's "Order printed kit". */
  public static final String MESSAGE_PRINTED_KIT_ORDERED = "PrintedKitOrdered";

  /** Model element ids. */
  public static final class Elements {
    public static final String START_PRINTED_KIT_ORDERED = "StartEvent_PrintedKitOrdered";
    public static final String TASK_SEND_PRINTED_KIT = "Task_SendPrintedKit";
    public static final String END_KIT_HANDLED = "EndEvent_KitHandled";
    public static final String BOUNDARY_KIT_DEADLINE_PASSED = "BoundaryEvent_KitDeadlinePassed";
    public static final String TASK_ESCALATE_LATE_KIT = "Task_EscalateLateKit";
    public static final String TASK_TELL_MANAGERS_OF_LATE_KIT = "Task_TellManagersOfLateKit";
    public static final String END_LATE_KIT_ESCALATED = "EndEvent_LateKitEscalated";

    private Elements() {
    }
  }

  /** Process variables. */
  public static final class Variables {
    public static final String LEAD_ID = "leadId";
    public static final String PRINTED_KIT_REASON = "printedKitReason";
    /** SENT or NOT_SENT. */
    public static final String KIT_OUTCOME = "kitOutcome";
    public static final String SHIPPING_ADDRESS = "shippingAddress";
    public static final String CARRIER = "carrier";
    public static final String TRACKING_NUMBER = "trackingNumber";
    public static final String KIT_NOT_SENT_REASON = "kitNotSentReason";

    private Variables() {
    }
  }

  private PrintedKit() {
  }
}
