package io.leadflow.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the sales teams of the routing table when Leadflow starts and whenever a new version is deployed (e.g. from
 * Camunda Modeler), once that deployment has committed ({@link RoutedTeams}).
 */
@Component
class RoutingTableDeployments extends AbstractProcessEnginePlugin {

  private final ObjectProvider<RoutedTeams> routedTeams;
  private final ObjectProvider<PlatformTransactionManager> transactions;
  /** The deployment Leadflow makes as it starts is checked once it is ready, when its demo teams exist. */
  private final AtomicBoolean ready = new AtomicBoolean();

  RoutingTableDeployments(ObjectProvider<RoutedTeams> routedTeams,
      ObjectProvider<PlatformTransactionManager> transactions) {
    this.routedTeams = routedTeams;
    this.transactions = transactions;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPostDeployers());
    deployers.add(this::deployed);
    configuration.setCustomPostDeployers(deployers);
  }

  @EventListener(ApplicationReadyEvent.class)
  void started() {
    ready.set(true);
    routedTeams.getObject().checkLatest();
  }

  private void deployed(DeploymentEntity deployment) {
    if (!ready.get() || !deployment.isNew() || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    List<String> tables = deployment.getDeployedArtifacts(DecisionDefinitionEntity.class) == null ? List.of()
        : deployment.getDeployedArtifacts(DecisionDefinitionEntity.class).stream()
            .filter(definition -> LeadAssignment.ROUTING_DECISION.equals(definition.getKey()))
            .map(DecisionDefinitionEntity::getId).toList();
    if (tables.isEmpty()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        TransactionTemplate apart = new TransactionTemplate(transactions.getObject());
        apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        apart.executeWithoutResult(status -> tables.forEach(routedTeams.getObject()::check));
      }
    });
  }
}
