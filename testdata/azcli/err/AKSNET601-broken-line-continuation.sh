#!/bin/bash

# The first command lacks a backslash; the second has a space after one.
az network vnet create \
    --resource-group myResourceGroup \
    --name myAKSVnet \
    --address-prefixes 10.224.0.0/12
    --subnet-name myAKSSubnet \
    --subnet-prefixes 10.224.0.0/16

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \ 
    --network-plugin azure \
    --network-plugin-mode overlay \
    --generate-ssh-keys
