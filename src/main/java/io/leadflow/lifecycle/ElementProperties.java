package io.leadflow.lifecycle;

import org.camunda.bpm.engine.delegate.BpmnModelExecutionContext;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Reads the extension properties a designer set on the current model element in Modeler. */
public final class ElementProperties {

  private ElementProperties() {
  }

  /** The property's value, or null when the element does not have it. */
  public static String get(BpmnModelExecutionContext execution, String name) {
    BaseElement element = (BaseElement) execution.getBpmnModelElementInstance();
    if (element == null || element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst().orElse(null);
  }

  /** The property's value; a model without it is broken, and the message says where. */
  public static String required(BpmnModelExecutionContext execution, String name) {
    String value = get(execution, name);
    if (value == null || value.isBlank()) {
      BaseElement element = (BaseElement) execution.getBpmnModelElementInstance();
      throw new IllegalStateException("Model element " + (element == null ? "?" : element.getId())
          + " needs the extension property '" + name + "'");
    }
    return value;
  }
}
