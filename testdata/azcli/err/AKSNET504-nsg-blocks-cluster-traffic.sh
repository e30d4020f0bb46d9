#!/bin/bash

az network nsg create --resource-group myResourceGroup --name myAKSNsg
# Only a deny-all rule: it overrides the default AllowVnetInBound (65000) and cuts
# node-to-node and node-to-pod traffic.
az network nsg rule create \
    --resource-group myResourceGroup \
    --nsg-name myAKSNsg \
    --name deny-all-in \
    --priority 4000 \
    --direction Inbound \
    --access Deny \
    --protocol '*' \
    --source-address-prefixes '*' \
    --destination-address-prefixes '*' \
    --destination-port-ranges '*'

az network vnet create \
    --resource-group myResourceGroup \
    --name myAKSVnet \
    --address-prefixes 10.224.0.0/12
az network vnet subnet create \
    --resource-group myResourceGroup \
    --vnet-name myAKSVnet \
    --name myAKSSubnet \
    --address-prefixes 10.224.0.0/16 \
    --network-security-group myAKSNsg

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys
