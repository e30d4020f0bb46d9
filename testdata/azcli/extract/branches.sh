#!/bin/bash
# Branches: a variable keeps its value after a branch only when every path agrees.
ENVIRONMENT=${1:-dev}

if [ "$ENVIRONMENT" = "prod" ]; then
  NODE_COUNT=5
  SERVICE_CIDR=10.0.0.0/16
else
  NODE_COUNT=2
  SERVICE_CIDR=10.0.0.0/16
fi

case "$ENVIRONMENT" in
  prod) POLICY=cilium ;;
  dev) POLICY=azure ;;
esac

PLUGIN=azure
if [[ "$PLUGIN" == "kubenet" ]]; then
  POD_CIDR=10.244.0.0/16
else
  POD_CIDR=192.168.0.0/16
fi

[ -z "$DNS_IP" ] && echo "DNS_IP is not set"

if [ -z "$RG" ]; then
  echo "set RG first" >&2
  exit 1
fi

az aks create -g "$RG" -n aks-branches \
  --network-plugin "$PLUGIN" \
  --network-plugin-mode overlay \
  --pod-cidr "$POD_CIDR" \
  --service-cidr "$SERVICE_CIDR" \
  --network-policy $POLICY \
  --node-count $NODE_COUNT

# Loops are analysed once, with the loop variable unknown.
for i in 1 2 3; do
  az aks nodepool add -g "$RG" --cluster-name aks-branches --name "pool$i" --node-count 1
  LAST_POOL=pool$i
done

COUNT=1
while [ "$COUNT" -lt 3 ]; do
  COUNT=$((COUNT + 1))
done

az aks nodepool add -g "$RG" --cluster-name aks-branches --name last --node-count "$COUNT" --max-pods "${LAST_POOL:+50}"
