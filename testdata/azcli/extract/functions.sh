#!/bin/bash
# Functions are analysed where they are called, with their arguments.
RG=rg-fleet
VNET=vnet-fleet

create_network() {
  az network vnet create -g "$RG" -n "$VNET" --address-prefixes 10.100.0.0/16
}

create_subnet() {
  local name=$1
  local prefix=$2
  az network vnet subnet create -g "$RG" --vnet-name "$VNET" -n "$name" --address-prefixes "$prefix"
}

function create_cluster {
  local cluster="$1" subnet="$2"
  local subnet_id
  subnet_id=$(az network vnet subnet show -g "$RG" --vnet-name "$VNET" -n "$subnet" --query id -o tsv)
  az aks create -g "$RG" -n "$cluster" \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr "${3:-10.244.0.0/16}" \
    --vnet-subnet-id "$subnet_id" \
    --node-count "${NODES:-2}"
  LAST_CLUSTER=$cluster
}

recurse() { recurse; }

create_network
create_subnet snet-blue 10.100.0.0/24
create_subnet snet-green 10.100.1.0/24
create_cluster aks-blue snet-blue
create_cluster aks-green snet-green 10.245.0.0/16
recurse

# $name and $cluster were local to the functions; $LAST_CLUSTER was not.
az aks nodepool add --cluster-name "$LAST_CLUSTER" -g "$RG" --name user1 --vnet-subnet-id "$subnet_id"
