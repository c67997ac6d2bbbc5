package ai.dyad.gateway.host.registry;

import dev.morphia.annotations.Entity;
import java.util.Date;

/** The stored form of a {@link HealthStatus}, embedded in its provider. */
@Entity(useDiscriminator = false)
class HealthStatusEntity {
    String status;
    Date lastCheck;
    long responseTime;
    double errorRate;
    double availability;

    static HealthStatusEntity from(HealthStatus health) {
        HealthStatusEntity entity = new HealthStatusEntity();
        entity.status = health.status();
        entity.lastCheck = health.lastCheck() == null ? null : Date.from(health.lastCheck());
        entity.responseTime = health.responseTimeMs();
        entity.errorRate = health.errorRate();
        entity.availability = health.availability();
        return entity;
    }

    HealthStatus toRecord() {
        return new HealthStatus(
                status, lastCheck == null ? null : lastCheck.toInstant(), responseTime, errorRate, availability);
    }
}
