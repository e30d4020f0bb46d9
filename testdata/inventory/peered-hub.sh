#!/bin/bash
# The cluster's VNet is peered with a hub VNet that this script does not create; the
# inventory (az network vnet list) gives the hub's address space.
az network vnet create -g rg-aks -n vnet-aks --address-prefixes 10.240.0.0/16 --subnet-name snet-nodes --subnet-prefixes 10.240.0.0/22
az network vnet peering create -g rg-aks -n aks-to-hub --vnet-name vnet-aks \
    --remote-vnet /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub --allow-vnet-access
az aks create -g rg-aks -n aks-peered \
    --network-plugin azure --network-plugin-mode overlay --pod-cidr 192.168.0.0/16 \
    --service-cidr 172.16.0.0/16 --dns-service-ip 172.16.0.10 \
    --vnet-subnet-id "$(az network vnet subnet show -g rg-aks --vnet-name vnet-aks -n snet-nodes --query id -o tsv)"
