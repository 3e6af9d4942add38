#!/usr/bin/env bash
# Attaches each background function's dead-letter topic to the Pub/Sub subscription Eventarc
# created for its trigger (Terraform cannot: the subscription belongs to Eventarc). Idempotent;
# run after every `terraform apply` of an environment:
#
#   terraform/scripts/attach-dead-letters.sh dev
set -euo pipefail
env="${1:?usage: attach-dead-letters.sh dev|staging|prod}"
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../environments/$env" && pwd)"
project="$(cd "$dir" && terraform output -raw project_id)"
number="$(gcloud projects describe "$project" --format='value(projectNumber)')"
agent="serviceAccount:service-${number}@gcp-sa-pubsub.iam.gserviceaccount.com"

(cd "$dir" && terraform output -json dead_letters) | python3 -c '
import json, sys
for name, d in json.load(sys.stdin).items():
    print(name, d["trigger"], d["dead_letter_topic"], d["max_delivery_attempts"])
' | while read -r name trigger topic attempts; do
  # $trigger is the full name projects/<p>/locations/<l>/triggers/<t>.
  subscription="$(gcloud eventarc triggers describe "$trigger" --format='value(transport.pubsub.subscription)')"
  echo "$name: $subscription -> $topic (after $attempts attempts)"
  gcloud pubsub subscriptions update "$subscription" --dead-letter-topic="$topic" --max-delivery-attempts="$attempts" --quiet
  # Pub/Sub forwards dead letters as its service agent: it must be able to ack on the source.
  gcloud pubsub subscriptions add-iam-policy-binding "$subscription" --member="$agent" --role=roles/pubsub.subscriber --quiet >/dev/null
done
