#!/usr/bin/env bash
# Creates every Planbridge topic on the docker-compose Kafka broker (idempotent). Same topics and settings as
# deploy/k8s/components/kafka-topics (one broker, so replication factor 1); deploy-validation checks the two agree.
set -euo pipefail
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:19092}"

create() { # name partitions config...
  local name=$1 partitions=$2; shift 2
  local args=()
  for c in "$@"; do args+=(--config "$c"); done
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 "${args[@]}"
}

create crm.account.changes 6 cleanup.policy=delete retention.ms=604800000
create crm.account.state 6 cleanup.policy=compact min.compaction.lag.ms=60000
create crm.opportunity.changes 6 cleanup.policy=delete retention.ms=604800000
create crm.opportunity.state 6 cleanup.policy=compact min.compaction.lag.ms=60000
create crm.user.changes 6 cleanup.policy=delete retention.ms=604800000
create crm.user.state 6 cleanup.policy=compact min.compaction.lag.ms=60000
create crm.territory2.changes 6 cleanup.policy=delete retention.ms=604800000
create crm.territory2.state 6 cleanup.policy=compact min.compaction.lag.ms=60000
create crm.userterritory2association.changes 6 cleanup.policy=delete retention.ms=604800000
create crm.userterritory2association.state 6 cleanup.policy=compact min.compaction.lag.ms=60000
create crm.objectterritory2association.changes 6 cleanup.policy=delete retention.ms=604800000
create crm.objectterritory2association.state 6 cleanup.policy=compact min.compaction.lag.ms=60000
create crm.forecastingquota.changes 6 cleanup.policy=delete retention.ms=604800000
create crm.forecastingquota.state 6 cleanup.policy=compact min.compaction.lag.ms=60000
create changefeed.offsets 1 cleanup.policy=compact
create crm.schema.changes 6 cleanup.policy=delete retention.ms=-1
create plan.events 3 cleanup.policy=delete retention.ms=2592000000
create sync.progress 3 cleanup.policy=delete retention.ms=86400000
create sync.conflicts 3 cleanup.policy=delete retention.ms=2592000000
create sync.completed 3 cleanup.policy=delete retention.ms=2592000000
create sync.activations 3 cleanup.policy=delete retention.ms=2592000000
echo "Planbridge topics ready on $BOOTSTRAP"
