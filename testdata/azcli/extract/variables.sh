#!/bin/bash
# Defaults, assignments through expansions, --flag=value, aliases, repeated and
# multi-value flags.
: "${CLUSTER:=aks-vars}"
: ${NODE_COUNT:=4}
SERVICE_CIDR=${SERVICE_CIDR:-172.16.0.0/16}
DNS_IP="${DNS_IP-172.16.0.10}"
readonly POD_BASE=10.244
declare -x POD_CIDR="${POD_BASE}.0.0/16"
VNET=vnet-$CLUSTER
SUBNET_NAME=${VNET}-nodes
MAX_SURGE=33%
MAX=$((NODE_COUNT * 3))
PLUGIN=KUBENET

az network vnet create -g rg -n "$VNET" \
    --address-prefixes 10.10.0.0/16 10.11.0.0/16 \
    --address-prefixes 10.20.0.0/16 10.21.0.0/16

az network vnet subnet create -g rg --vnet-name=$VNET -n $SUBNET_NAME --address-prefixes=10.20.0.0/22

az aks create -g rg -n "${CLUSTER}" \
    --network-plugin="${PLUGIN,,}" \
    --service-cidr "$SERVICE_CIDR" --dns-service-ip=$DNS_IP \
    --pod-cidr $POD_CIDR \
    -c $NODE_COUNT -m 110 \
    --enable-cluster-autoscaler --min-count 2 --max-count "$MAX" \
    --max-surge $MAX_SURGE \
    --nodepool-name=system \
    --kubernetes-version 1.29 \
    --vnet-subnet-id "/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/${VNET}/subnets/${SUBNET_NAME}"
