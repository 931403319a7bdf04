package io.leadflow.lead;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose id is given before it is stored: new until inserted or loaded, so that Spring Data inserts it
 * straight away instead of first selecting its id to see whether it exists (what {@code save} does for an id it did
 * not generate). Where the same row may come twice, the caller asks first ({@code existsById}).
 */
@MappedSuperclass
abstract class AssignedIdEntity<ID> implements Persistable<ID> {

  @Transient
  private boolean stored;

  @PostLoad
  @PostPersist
  void stored() {
    stored = true;
  }

  @Override
  public boolean isNew() {
    return !stored;
  }
}
