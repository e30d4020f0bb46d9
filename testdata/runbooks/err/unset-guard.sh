#!/bin/bash
# Guards on variables the script never sets are analysed both ways: the commands after
# them are still read (AKSNET301).
[ -z ${SUBSCRIPTION_ID+x} ] && echo "set SUBSCRIPTION_ID" && exit 1
: "${RESOURCE_GROUP:?set RESOURCE_GROUP}"
if [ -z "$LOCATION" ]; then
  exit 1
fi

az aks create --resource-group "$RESOURCE_GROUP" --name aks-guarded --network-plugin azure --max-pods 300
