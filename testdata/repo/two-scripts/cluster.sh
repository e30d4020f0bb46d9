#!/usr/bin/env bash
# The application team's script: Azure CNI (node subnet) with 30 pods a node on up to
# 10 nodes needs 310 addresses; the /26 declared in network.sh has 59.
set -euo pipefail
SUB=$(az account show --query id -o tsv)
az aks create -g rg-aks -n aks-app \
  --network-plugin azure --service-cidr 172.16.0.0/16 --dns-service-ip 172.16.0.10 \
  --node-count 3 --enable-cluster-autoscaler --min-count 3 --max-count 10 --max-pods 30 \
  --vnet-subnet-id "/subscriptions/$SUB/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/nodes"
